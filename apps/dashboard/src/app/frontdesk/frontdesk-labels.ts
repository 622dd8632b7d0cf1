import type { ConsultationStatus, ConsultationType, EnquiryStatus, PaymentKind, PaymentMethod, SessionStatus } from '@venule/api-contract';

export const CONSULTATION_TYPE_LABELS: Record<ConsultationType, string> = {
  free: 'Free consultation',
  named_doctor: 'Named-doctor consultation',
};

export const APPOINTMENT_STATUS_LABELS: Record<ConsultationStatus | SessionStatus, string> = {
  awaiting_deposit: 'Awaiting deposit',
  booked: 'Booked',
  scheduled: 'Booked',
  attended: 'Attended',
  completed: 'Treated',
  cancelled: 'Cancelled',
  did_not_attend: 'Did not attend',
};

export const PAYMENT_KIND_LABELS: Record<PaymentKind, string> = {
  deposit: 'Deposit',
  balance: 'Balance',
  reversal: 'Reversal',
};

export const PAYMENT_METHOD_LABELS: Record<PaymentMethod, string> = {
  card: 'Card',
  cash: 'Cash',
  transfer: 'Bank transfer',
};

export const ENQUIRY_STATUS_LABELS: Record<EnquiryStatus, string> = {
  new: 'New',
  contacted: 'Contacted',
  booked: 'Booked',
  closed: 'Closed',
};
