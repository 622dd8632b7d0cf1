import type { Clearance, ClearanceBatch, RecordScanRequest, Scan, ScanFile } from '@venule/api-contract';

/** Examples for the OpenAPI document, typed against the contract so they cannot drift from it. */
const PATIENT_ID = '5b0c6a52-3f7e-4d0a-9a53-2f1d8c4e7a10';
const CLINICIAN_ID = '0c2f1f4e-8d4b-4c57-a0b1-6b2e9f3d5c21';
const SCAN_ID = 'b1c2d3e4-f5a6-4b7c-8d9e-0f1a2b3c4d5e';

export const recordScanExample: RecordScanRequest = {
  performedOn: '2026-03-02',
  performedBy: 'Clinic vascular lab',
  legs: {
    left: { findings: ['telangiectasia', 'reticular_veins'], conclusion: 'clear' },
    right: { findings: ['telangiectasia'], notes: 'Spider veins, lateral thigh.', conclusion: 'clear' },
  },
};

export const scanFileExample: ScanFile = {
  id: 'c2d3e4f5-a6b7-4c8d-9e0f-1a2b3c4d5e6f',
  scanId: SCAN_ID,
  originalName: 'duplex-2026-03-02.pdf',
  mediaType: 'application/pdf',
  sizeBytes: 184320,
  sha256: '9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
  uploadedBy: CLINICIAN_ID,
  createdAt: '2026-03-02T10:05:00.000Z',
};

export const scanExample: Scan = {
  id: SCAN_ID,
  version: 1,
  createdAt: '2026-03-02T10:00:00.000Z',
  updatedAt: '2026-03-02T10:00:00.000Z',
  patientId: PATIENT_ID,
  performedOn: '2026-03-02',
  performedBy: 'Clinic vascular lab',
  recordedBy: CLINICIAN_ID,
  legs: {
    left: { findings: ['telangiectasia', 'reticular_veins'], notes: null, conclusion: 'clear' },
    right: { findings: ['telangiectasia'], notes: 'Spider veins, lateral thigh.', conclusion: 'clear' },
  },
  files: [scanFileExample],
};

export const clearanceExample: Clearance = {
  patientId: PATIENT_ID,
  on: '2026-03-17',
  eligible: true,
  legs: {
    left: { status: 'cleared', validUntil: '2027-03-01', scanId: SCAN_ID, reasons: [] },
    right: { status: 'no_scan', reasons: [{ code: 'SCAN_REQUIRED', message: 'The right leg has no duplex scan.', leg: 'right' }] },
  },
  blockers: [],
};

export const clearanceBatchExample: ClearanceBatch = {
  on: '2026-03-17',
  items: [
    {
      patientId: PATIENT_ID,
      eligible: true,
      legs: { left: { status: 'cleared', validUntil: '2027-03-01' }, right: { status: 'no_scan' } },
      blockers: [],
    },
  ],
};
