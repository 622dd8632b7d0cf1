import { DEADLOCK_DETECTED, retryOnDeadlock } from './retry-on-deadlock';

const deadlock = () => Object.assign(new Error('deadlock detected'), { code: DEADLOCK_DETECTED });

describe('retryOnDeadlock', () => {
  it('runs the transaction again after PostgreSQL aborted it to break a deadlock', async () => {
    let runs = 0;
    const result = await retryOnDeadlock(async () => {
      runs++;
      if (runs === 1) throw deadlock();
      return 'booked';
    });
    expect(result).toBe('booked');
    expect(runs).toBe(2);
  });

  it('passes any other error on at once, a double booking included', async () => {
    let runs = 0;
    const refusal = Object.assign(new Error('overlap'), { code: '23P01' });
    await expect(
      retryOnDeadlock(async () => {
        runs++;
        throw refusal;
      }),
    ).rejects.toBe(refusal);
    expect(runs).toBe(1);
  });

  it('gives up after three runs that all deadlock', async () => {
    let runs = 0;
    await expect(
      retryOnDeadlock(async () => {
        runs++;
        throw deadlock();
      }),
    ).rejects.toMatchObject({ code: DEADLOCK_DETECTED });
    expect(runs).toBe(3);
  });
});
