import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import type { EditableMessageTemplate, MessageTemplate, MessageWords, UpdateMessageTemplateRequest } from '@venule/api-contract';
import type { Observable } from 'rxjs';

/** The clinic's words for its messages (admin). */
@Injectable({ providedIn: 'root' })
export class MessageTemplatesApi {
  private readonly http = inject(HttpClient);

  list(): Observable<EditableMessageTemplate[]> {
    return this.http.get<EditableMessageTemplate[]>('/api/message-templates');
  }

  save(template: MessageTemplate, body: UpdateMessageTemplateRequest): Observable<EditableMessageTemplate> {
    return this.http.put<EditableMessageTemplate>(`/api/message-templates/${template}`, body);
  }

  reset(template: MessageTemplate, version: number): Observable<EditableMessageTemplate> {
    return this.http.post<EditableMessageTemplate>(`/api/message-templates/${template}/reset`, { version });
  }

  preview(template: MessageTemplate, words: MessageWords): Observable<MessageWords> {
    return this.http.post<MessageWords>(`/api/message-templates/${template}/preview`, words);
  }
}
