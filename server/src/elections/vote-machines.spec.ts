import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { checkVoteMachines, VOTE_MACHINE_SPECS, VOTE_MACHINES, VoteMachinesCheck, type MachineSpec } from './vote-machines.js';

const broken: MachineSpec = {
  name: 'broken',
  // 'archived' has no way in.
  table: { draft: { open: ['open'] }, open: { close: ['closed'] }, closed: {}, archived: {} },
  initial: 'draft',
  states: ['draft', 'open', 'closed', 'archived'],
};

async function boot(specs: MachineSpec[]) {
  @Module({ providers: [{ provide: VOTE_MACHINE_SPECS, useValue: specs }, VoteMachinesCheck] })
  class M {}
  const app = await NestFactory.createApplicationContext(M, { logger: false, abortOnError: false });
  await app.close();
}

describe(VoteMachinesCheck.name, () => {
  it('E14 and the motion steps: every state is reachable', () => {
    expect(() => checkVoteMachines(VOTE_MACHINES)).not.toThrow();
  });

  it('starts with the real tables', async () => {
    await expect(boot(VOTE_MACHINES)).resolves.toBeUndefined();
  });

  it('refuses to start when a state is unreachable', async () => {
    await expect(boot([...VOTE_MACHINES, broken])).rejects.toThrow(/broken: unreachable states archived/);
  });

  it('refuses to start when a transition leads to an unknown state', async () => {
    const typo: MachineSpec = { ...broken, name: 'typo', table: { ...broken.table, closed: { archive: ['archvied'] } } };
    await expect(boot([typo])).rejects.toThrow(/typo: unknown target state archvied/);
  });
});
