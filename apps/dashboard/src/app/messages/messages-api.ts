import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { ListMessagesQuery, Message, Page } from '@venule/api-contract';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class MessagesApi {
  private readonly http = inject(HttpClient);

  /** The outbox, latest due first. */
  list(query: ListMessagesQuery): Observable<Page<Message>> {
    let params = new HttpParams();
    for (const [key, value] of Object.entries(query)) {
      if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
    }
    return this.http.get<Page<Message>>('/api/messages', { params });
  }

  /** A failed message back in the queue, due now. */
  resend(id: string): Observable<Message> {
    return this.http.post<Message>(`/api/messages/${encodeURIComponent(id)}/resend`, {});
  }
}
