/**
 * @venule/clinical-rules: the clinic's rules (SPEC §1) as pure, browser-safe functions.
 * No framework, no I/O, no clock: callers pass dates, instants and the clinic time zone.
 */
export * from './policy';
export * from './dates';
export * from './sclerosants';
export * from './contraindications';
export * from './medical-history';
export * from './clearance';
export * from './scan-record';
export * from './interval';
export * from './course-state';
export * from './confirmations';
export * from './dose';
export * from './test-injection';
export * from './treatment-time';
export * from './session-completion';
export * from './aftercare';
export * from './consultations';
export * from './opening-hours';
