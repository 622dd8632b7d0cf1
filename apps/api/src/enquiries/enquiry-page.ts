import type { ClinicIdentity } from '@venule/api-contract';

/** Where the public page lives (outside the /api prefix) and where a form post lands afterwards. */
export const ENQUIRY_PAGE = 'enquire';
export const ENQUIRY_SENT = `/${ENQUIRY_PAGE}?sent=1`;

const escape = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The public enquiry page: a plain HTML form posting to /api/enquiries, so it works without
 * JavaScript and needs no dashboard bundle. Labels on every field, the browser checks required
 * fields first; the honeypot is hidden from people and from screen readers.
 */
export function renderEnquiryPage(facts: { clinic: ClinicIdentity; clinicians: string[]; sent: boolean }): string {
  const name = escape(facts.clinic.name);
  const tel = (phone: string) => `<a href="tel:${escape(phone.replace(/[^\d+]/g, ''))}">${escape(phone)}</a>`;
  // A clinic whose admin has not filled in the address and numbers yet shows only its name.
  const contact = [
    facts.clinic.address ? `<p>${escape(facts.clinic.address)}</p>` : '',
    facts.clinic.phone ? `<p>Phone ${tel(facts.clinic.phone)}</p>` : '',
  ].join('');
  const options = facts.clinicians.map((c) => `<option>${escape(c)}</option>`).join('');
  const body = facts.sent
    ? `<div role="status"><h2>Thank you</h2><p>We have your enquiry and will be in touch within one working day.</p>
       <p><a href="/${ENQUIRY_PAGE}">Send another enquiry</a></p></div>`
    : `<p>Ask about treatment for thread and spider veins, or book a free consultation. Fields marked * are required;
       give an email address or a phone number so we can reply.</p>
  <form method="post" action="/api/enquiries">
    <label for="name">Your name *</label>
    <input id="name" name="name" required maxlength="200" autocomplete="name">
    <label for="email">Email</label>
    <input id="email" name="email" type="email" maxlength="254" autocomplete="email">
    <label for="phone">Phone</label>
    <input id="phone" name="phone" type="tel" maxlength="40" pattern="\\+?[0-9 ().\\-]{6,40}" autocomplete="tel">
    <label for="preferredClinician">Preferred doctor</label>
    <select id="preferredClinician" name="preferredClinician"><option value="">No preference</option>${options}</select>
    <label for="message">How can we help? *</label>
    <textarea id="message" name="message" required maxlength="5000" rows="6"></textarea>
    <div class="hp" aria-hidden="true"><label for="website">Leave this empty</label>
      <input id="website" name="website" tabindex="-1" autocomplete="off"></div>
    <button type="submit">Send enquiry</button>
  </form>`;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Enquire — ${name}</title>
<style>
  body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.5; color: #1b1b1f; }
  label { display: block; margin-top: 1rem; font-weight: 600; }
  input, select, textarea { width: 100%; box-sizing: border-box; padding: .5rem; font: inherit; border: 1px solid #5f5f6b; border-radius: 4px; }
  input:focus, select:focus, textarea:focus, button:focus { outline: 3px solid #2d5bb9; outline-offset: 2px; }
  button { margin-top: 1.5rem; padding: .6rem 1.4rem; font: inherit; color: #fff; background: #2d5bb9; border: 0; border-radius: 4px; cursor: pointer; }
  footer { margin-top: 2.5rem; padding-top: 1rem; border-top: 1px solid #c4c6d0; color: #44474e; }
  footer p { margin: .25rem 0; }
  a { color: #2d5bb9; }
  .hp { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
</style>
</head>
<body>
<main>
  <h1>${name}</h1>
  ${body}
</main>
${contact ? `<footer>${contact}</footer>` : ''}
</body>
</html>`;
}
