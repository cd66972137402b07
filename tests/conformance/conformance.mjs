// Conformance check: drives TaskFunctions with Camunda's official client, @camunda8/orchestration-cluster-api
// (Camunda 8.8 API), at its strictest validation, so every request and response must match Camunda's schemas field
// for field. Configure with the environment:
//   CAMUNDA_REST_ADDRESS=http://127.0.0.1:PORT  CAMUNDA_AUTH_STRATEGY=NONE
//   CAMUNDA_SDK_VALIDATION=req:strict,res:fanatical  CAMUNDA_SDK_HTTP_RETRY_MAX_ATTEMPTS=1
// Prints one line per step; exits 1 with the reason on the first failure.
import { createCamundaClient } from '@camunda8/orchestration-cluster-api';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const now = { consistency: { waitUpToMs: 0 } };
const camunda = createCamundaClient();

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

function show(value) {
  return JSON.stringify(value, (_, v) => (typeof v === 'bigint' ? v.toString() : v));
}

async function step(name, action) {
  try {
    const detail = await action();
    console.log(`ok   ${name}${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    const parts = [error?.message ?? String(error)];
    for (const field of ['status', 'title', 'detail', 'issues']) {
      if (error?.[field] !== undefined) {
        parts.push(`${field}=${show(error[field])}`);
      }
    }
    console.error(`FAIL ${name}: ${parts.join(' | ')}`);
    process.exit(1);
  }
}

let processInstanceKey;
let userTaskKey;

await step('deploy process and form', async () => {
  const deployment = await camunda.deployResourcesFromFiles([
    path.join(here, 'review-invoice.form'),
    path.join(here, 'review-invoice.bpmn'),
  ]);
  check(deployment.processes?.some((p) => p.processDefinitionId === 'conformance-review'), `no process in ${show(deployment)}`);
  check(deployment.forms?.some((f) => f.formId === 'conformance-review-form'), `no form in ${show(deployment)}`);
  return `deployment ${deployment.deploymentKey}`;
});

await step('create process instance', async () => {
  const instance = await camunda.createProcessInstance({
    processDefinitionId: 'conformance-review',
    variables: { invoiceId: 'INV-1', amount: 125.5 },
  });
  processInstanceKey = instance.processInstanceKey;
  check(processInstanceKey, `no processInstanceKey in ${show(instance)}`);
  return `instance ${processInstanceKey}`;
});

await step('search user tasks', async () => {
  const result = await camunda.searchUserTasks(
    { filter: { processInstanceKey, state: 'CREATED' }, sort: [{ field: 'creationDate', order: 'DESC' }], page: { limit: 10 } },
    now,
  );
  check(result.items.length === 1, `expected 1 task, got ${show(result)}`);
  check(Number(result.page.totalItems) === 1, `expected totalItems 1, got ${show(result.page)}`);
  userTaskKey = result.items[0].userTaskKey;
  check(result.items[0].elementId === 'review', `unexpected task ${show(result.items[0])}`);
  return `task ${userTaskKey}`;
});

await step('get user task', async () => {
  const task = await camunda.getUserTask({ userTaskKey }, now);
  check(task.userTaskKey === userTaskKey, `wrong task ${show(task)}`);
  check(task.state === 'CREATED' && task.name === 'Review invoice', `unexpected task ${show(task)}`);
  check(task.candidateGroups?.includes('accounting'), `candidate groups missing: ${show(task)}`);
  check(task.processInstanceKey === processInstanceKey, `wrong instance: ${show(task)}`);
  check(task.formKey, `no formKey: ${show(task)}`);
  return `${task.state}, priority ${task.priority}`;
});

await step('assign user task', async () => {
  await camunda.assignUserTask({ userTaskKey, assignee: 'alice', allowOverride: true });
  const task = await camunda.getUserTask({ userTaskKey }, now);
  check(task.assignee === 'alice', `expected assignee alice, got ${show(task)}`);
  return 'assignee alice';
});

await step('unassign user task', async () => {
  await camunda.unassignUserTask({ userTaskKey });
  const task = await camunda.getUserTask({ userTaskKey }, now);
  check(task.assignee === undefined, `expected no assignee, got ${show(task)}`);
  return 'no assignee';
});

await step('update user task', async () => {
  await camunda.updateUserTask({ userTaskKey, changeset: { priority: 80, dueDate: '2030-01-01T00:00:00.000Z' } });
  const task = await camunda.getUserTask({ userTaskKey }, now);
  check(task.priority === 80, `expected priority 80, got ${show(task)}`);
  check(new Date(task.dueDate).toISOString() === '2030-01-01T00:00:00.000Z', `expected the due date, got ${show(task)}`);
  return `priority ${task.priority}, due ${task.dueDate}`;
});

await step('get user task form', async () => {
  const form = await camunda.getUserTaskForm({ userTaskKey }, now);
  check(form?.formId === 'conformance-review-form', `unexpected form ${show(form)}`);
  check(Array.isArray(form.schema?.components), `form schema has no components: ${show(form)}`);
  return `form ${form.formId} v${form.version}`;
});

await step('search user task variables', async () => {
  const result = await camunda.searchUserTaskVariables({ userTaskKey }, now);
  const names = result.items.map((v) => v.name).sort();
  check(show(names) === show(['amount', 'invoiceId']), `unexpected variables ${show(result)}`);
  const invoice = result.items.find((v) => v.name === 'invoiceId');
  check(invoice.value === '"INV-1"', `value is not JSON text: ${show(invoice)}`);
  return names.join(', ');
});

await step('complete user task', async () => {
  await camunda.completeUserTask({ userTaskKey, variables: { approved: true } });
  const task = await camunda.getUserTask({ userTaskKey }, now);
  check(task.state === 'COMPLETED' && task.completionDate, `expected COMPLETED, got ${show(task)}`);
  return task.state;
});

console.log('conformance: all steps passed');
