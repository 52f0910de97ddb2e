import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CI_CELLS, NODE, NX, PM, SHAPES, WORKSPACE_CELLS, selectCells } from './cells.mjs';

const ids = (spec) => selectCells(spec).map((c) => c.id);
const everyPmCell = NX.length * NODE.length * PM.length;

test('all alone is every package-manager cell, no workspace shape', () => {
  assert.equal(ids('all').length, everyPmCell);
  assert.ok(ids('all').every((id) => !SHAPES.includes(id.split('/')[2])));
});

test('all combines with other patterns: all,workspaces is the whole matrix', () => {
  const picked = ids('all,workspaces,22/26/create-nx');
  assert.equal(picked.length, everyPmCell + WORKSPACE_CELLS.length + 1);
  for (const id of [...WORKSPACE_CELLS, '22/26/create-nx', 'lowest/22/npm']) assert.ok(picked.includes(id), id);
});

test('ci and explicit cells are picked once each', () => {
  assert.deepEqual(ids(`ci,${CI_CELLS[0]}`).sort(), [...CI_CELLS].sort());
});

test('a pattern that is not a cell says what is expected', () => {
  assert.throws(() => selectCells('everything'), /--cells: "everything" is not <nx>\/<node>\/<pm>, ci, all or workspaces/);
  assert.throws(() => selectCells('25/*/*'), /--cells: "25\/\*\/\*" matches no cell/);
});
