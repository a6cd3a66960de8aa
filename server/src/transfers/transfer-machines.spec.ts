import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TRANSFER_TRANSITIONS } from '@dangjian/shared';
import { checkTransferMachines, TransferMachinesCheck } from './transfer-machines.js';

describe(TransferMachinesCheck.name, () => {
  it('T1/T2/T7: every state of every kind is reachable, so the server starts', async () => {
    @Module({ providers: [TransferMachinesCheck] })
    class M {}
    const app = await NestFactory.createApplicationContext(M, { logger: false, abortOnError: false });
    await expect(app.close()).resolves.toBeUndefined();
  });

  it('refuses a table with an unreachable state (here: nothing leads to accepted)', () => {
    const broken = { ...TRANSFER_TRANSITIONS, internal: { ...TRANSFER_TRANSITIONS.internal, letter_issued: { refuse: ['refused'] as const } } };
    expect(() => checkTransferMachines(broken as typeof TRANSFER_TRANSITIONS)).toThrow(/transfer internal .*unreachable states accepted/);
  });

  it('refuses a transition to a state the kind does not have', () => {
    const typo = { ...TRANSFER_TRANSITIONS, certificate: { ...TRANSFER_TRANSITIONS.certificate, pending_committee: { approve: ['letter_issued'] as const } } };
    expect(() => checkTransferMachines(typo as typeof TRANSFER_TRANSITIONS)).toThrow(/unknown target state letter_issued/);
  });
});
