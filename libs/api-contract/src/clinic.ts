/**
 * The clinic as printed on everything handed to a patient (aftercare sheet, pre-treatment advice,
 * receipt) and on the public enquiry page. Read by any signed-in member of staff at
 * `GET /api/clinic`; edited by admin with the other clinic settings.
 */
export interface ClinicIdentity {
  name: string;
  address: string;
  phone: string;
  /** The number a patient calls about a reaction when the clinic is closed. */
  outOfHoursPhone: string;
}
