// Completing a task: its Camunda form (linked or embedded) rendered by the form-js viewer and prefilled from the
// task's variables, or — for a task without a form — a variables editor listing the outputs the task requires.
// Errors the server reports for particular variables (a 400 problem's `fields`) are shown next to those fields.
import { Form } from '@bpmn-io/form-js-viewer';
import '@bpmn-io/form-js-viewer/dist/assets/form-js.css';
import { ApiError } from './api.js';
import { h } from './dom.js';

/** Renders the completion area of `task` into `container` (keeping its heading). */
export async function renderTaskForm({ api, key, task, history, container, me, onCompleted }) {
  const heading = container.querySelector('h3');
  const hint = h('p', { class: 'muted' });
  const body = h('div', { class: 'form-body' });
  const error = h('p', { class: 'action-error', role: 'alert', hidden: true });
  container.replaceChildren(heading, hint, body, error);

  if (task.state !== 'CREATED') {
    heading.textContent = 'Outcome';
    hint.textContent = `This task is ${task.state.toLowerCase()}.`;
    return;
  }
  heading.textContent = 'Complete';
  const editable = !!me && task.assignee === me;
  hint.textContent = editable ? '' : task.assignee ? `Assigned to ${task.assignee}: only they can complete it.` : 'Claim this task to complete it.';
  hint.hidden = editable;

  const [formResult, variables] = await Promise.all([api.form(key), api.variables(key).catch(() => ({ items: [] }))]);
  const values = {};
  for (const v of variables.items ?? []) {
    // The task's own scope comes first, so its value of a name wins over an enclosing scope's.
    if (!(v.name in values) && !v.isTruncated) values[v.name] = parseJson(v.value);
  }

  const show = (problem) => {
    error.textContent = problem;
    error.hidden = !problem;
  };
  const complete = async (variablesToSend, showFieldErrors) => {
    show('');
    try {
      await api.complete(key, variablesToSend);
      onCompleted();
    } catch (failure) {
      if (!(failure instanceof ApiError) || failure.fields.length === 0) {
        show(failure.message);
        return;
      }
      const unplaced = showFieldErrors(failure.fields, failure.message);
      show(unplaced.length > 0 ? failure.message : 'The task was not completed: see the messages next to the fields.');
    }
  };

  if (formResult) {
    await renderForm({ schema: formResult.schema, values, body, editable, complete });
  } else {
    renderVariablesEditor({ expected: history.expectedOutputs ?? [], values, body, editable, complete });
  }
}

async function renderForm({ schema, values, body, editable, complete }) {
  const host = h('div', { class: 'camunda-form' });
  body.append(host);
  // Without form-js's input debounce, a value typed just before "Complete task" is not left behind.
  const form = new Form({ container: host, properties: { readOnly: !editable }, debounce: false });
  await form.importSchema(schema, values);
  if (!editable) return;

  const idsByKey = new Map();
  collectKeys(schema.components ?? [], idsByKey);
  // Places the server's message on each form field it names (through form-js's error state) and returns the names
  // the form has no field for.
  const showFieldErrors = (fields, message) => {
    const errors = {};
    const unplaced = [];
    for (const name of fields) {
      const id = idsByKey.get(name);
      if (id) errors[id] = [message];
      else unplaced.push(name);
    }
    form._setState({ errors });
    return unplaced;
  };
  form.on('submit', ({ data, errors }) => {
    if (Object.keys(errors).length === 0) complete(data, showFieldErrors);
  });
  body.append(h('div', { class: 'actions' }, h('button', { type: 'button', class: 'primary', onclick: () => form.submit() }, 'Complete task')));
}

function collectKeys(components, idsByKey) {
  for (const component of components) {
    if (component.key) idsByKey.set(component.key, component.id);
    if (Array.isArray(component.components)) collectKeys(component.components, idsByKey);
  }
}

function renderVariablesEditor({ expected, values, body, editable, complete }) {
  const rows = h('div', { class: 'variables' });
  const rowsByName = new Map();
  let next = 0;

  const addRow = (name, required) => {
    const index = next++;
    const nameInput = h('input', {
      id: `var-name-${index}`, type: 'text', value: name, readonly: required || undefined, autocomplete: 'off',
    });
    const valueInput = h('input', {
      id: `var-value-${index}`, type: 'text', autocomplete: 'off', disabled: !editable || undefined,
      value: name in values ? JSON.stringify(values[name]) : '', 'aria-describedby': `var-error-${index}`,
    });
    const label = h('label', { for: `var-value-${index}` }, required ? [h('code', {}, name), ' (required)'] : 'Value');
    const message = h('p', { id: `var-error-${index}`, class: 'field-error', role: 'alert' });
    const row = h('div', { class: 'variable-row', 'data-name': name },
      !required && h('label', { for: `var-name-${index}` }, 'Name'), !required && nameInput, label, valueInput, message);
    rows.append(row);
    rowsByName.set(row, { nameInput, valueInput, message, required, fixedName: name });
    return required ? valueInput : nameInput;
  };

  for (const name of expected) addRow(name, true);
  body.append(
    h('p', { class: 'muted' }, expected.length > 0
      ? 'This task has no form. Give a value for each required output; values are JSON (true, 42, "text", {…}) or plain text.'
      : 'This task has no form and requires no outputs. Add variables to pass on, or complete it as it is.'),
    rows);
  if (!editable) return;

  body.append(h('div', { class: 'actions' },
    h('button', { type: 'button', class: 'secondary', onclick: () => addRow('', false).focus() }, 'Add variable'),
    h('button', {
      type: 'button', class: 'primary', onclick: () => {
        const variables = {};
        for (const { nameInput, valueInput, message, required, fixedName } of rowsByName.values()) {
          message.textContent = '';
          const name = required ? fixedName : nameInput.value.trim();
          const text = valueInput.value.trim();
          // An empty value is left out, so the server names every missing required output at once.
          if (name && text !== '') variables[name] = parseJson(text);
        }
        complete(variables, (fields, text) => {
          const unplaced = [];
          for (const field of fields) {
            const entry = [...rowsByName.values()].find((r) => (r.required ? r.fixedName : r.nameInput.value.trim()) === field);
            if (entry) entry.message.textContent = text;
            else unplaced.push(field);
          }
          return unplaced;
        });
      },
    }, 'Complete task')));
}

function parseJson(text) {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
