import { Inject, Injectable, Logger } from '@nestjs/common';
import { createTransport, type Transporter } from 'nodemailer';
import { APP_CONFIG, type AppConfig } from '../platform/config/app-config';
import type { ClaimedMessage } from './messages.repository';

/** Why a message did not go: `retry` false when trying again cannot help (no server, a refused address). */
export class DeliveryFailure extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
  }
}

/** Without `SMTP_URL` nothing can be emailed: the message is failed with this, for reception to see and resend later. */
export const NO_MAIL_SERVER = 'not sent: no mail server configured';

/** Sends text messages. The only implementation logs that it would have sent one; a provider plugs in here. */
export abstract class SmsProvider {
  abstract send(to: string, text: string, messageId: string): Promise<void>;
}

@Injectable()
export class LoggingSmsProvider extends SmsProvider {
  private readonly log = new Logger('SmsProvider');

  /** Logs the message id and length only: logs carry no patient data. */
  async send(_to: string, text: string, messageId: string): Promise<void> {
    this.log.log(`SMS ${messageId} (${text.length} characters) handed to the logging provider; no SMS provider is configured`);
  }
}

/** Email over SMTP with nodemailer (`SMTP_URL`), plain text and HTML. */
@Injectable()
export class EmailSender {
  private readonly transport: Transporter | null;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.transport = config.smtpUrl
      ? // Short timeouts: a send must end well inside the sender's lease on the message.
        createTransport({ url: config.smtpUrl, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 })
      : null;
  }

  async send(m: ClaimedMessage): Promise<void> {
    if (!this.transport) throw new DeliveryFailure(NO_MAIL_SERVER, false);
    try {
      await this.transport.sendMail({
        from: this.config.mailFrom,
        to: m.to,
        subject: m.subject,
        text: m.body_text,
        html: m.body_html ?? undefined,
        headers: { 'X-Venule-Message-Id': m.id },
      });
    } catch (e) {
      const code = (e as { responseCode?: number }).responseCode;
      // A 5xx reply is the server refusing for good (no such mailbox, rejected); the rest may pass later.
      throw new DeliveryFailure(`SMTP: ${(e as Error).message}`, !(code !== undefined && code >= 500));
    }
  }

  close(): void {
    this.transport?.close();
  }
}

/** The channel's sender for a message. */
@Injectable()
export class Couriers {
  constructor(
    private readonly email: EmailSender,
    private readonly sms: SmsProvider,
  ) {}

  async deliver(m: ClaimedMessage): Promise<void> {
    if (m.channel === 'email') await this.email.send(m);
    else await this.sms.send(m.to, m.body_text, m.id);
  }
}
