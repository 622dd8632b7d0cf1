import { preferredClinicianId, splitName } from './convert-enquiry-page';

describe('converting an enquiry', () => {
  it('takes the last word of the name as the surname', () => {
    expect(splitName('Harriet Whitlock')).toEqual({ firstName: 'Harriet', lastName: 'Whitlock' });
    expect(splitName('  Mary Jane  van Dyke ')).toEqual({ firstName: 'Mary Jane van', lastName: 'Dyke' });
    expect(splitName('Cher')).toEqual({ firstName: 'Cher', lastName: '' });
  });

  it('books the doctor the enquiry asked for when they are on the books', () => {
    const clinicians = [
      { id: 'a', name: 'Dr Claire Hughes' },
      { id: 'b', name: 'Dr Imran Shah' },
    ];
    expect(preferredClinicianId('Dr Imran Shah', clinicians)).toBe('b');
    expect(preferredClinicianId('imran shah', clinicians)).toBe('b');
    expect(preferredClinicianId('Dr Someone Else', clinicians)).toBe('');
    expect(preferredClinicianId(null, clinicians)).toBe('');
  });
});
