import { isIsoDate } from '@venule/clinical-rules';
import { ValidateBy, type ValidationOptions } from 'class-validator';

/** A real calendar date written `YYYY-MM-DD` (so `2025-02-29` is refused). */
export const IsCalendarDate = (options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isCalendarDate',
      validator: { validate: (value) => isIsoDate(value), defaultMessage: () => 'must be a real date written YYYY-MM-DD' },
    },
    options,
  );
