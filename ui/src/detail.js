// One task: what it is (name, process, dates, priority, assignee, candidates, headers), what can be done with it
// (claim, unclaim, reassign, complete, fail, cancel), its form or a variables editor, its history and the process
// diagram with the task highlighted.
import { ApiError } from './api.js';
import { confirmDialog, formatDate, h } from './dom.js';
import { badges } from './inbox.js';
import { renderDiagram } from './diagram.js';
import { renderTaskForm } from './taskForm.js';

/** Builds the detail view of task `key`; `onChanged` is called after every successful action, `onClose` to go back. */
export function createDetail({ api, identity, key, onChanged, onClose, onError }) {
  const summary = h('div', { class: 'summary' });
  const actions = h('div', { class: 'task-actions', role: 'group', 'aria-label': 'Task actions' });
  const message = h('p', { class: 'action-error', role: 'alert', hidden: true });
  const reassign = h('div', { class: 'reassign-area' });
  const formArea = h('section', { class: 'form-area', 'aria-labelledby': 'form-heading' }, h('h3', { id: 'form-heading' }, 'Complete'));
  const historyList = h('ol', { class: 'history' });
  const diagramArea = h('div', { class: 'diagram', role: 'img', 'aria-label': 'Process diagram' });
  const title = h('h2', { id: 'detail-heading', tabindex: '-1' }, 'Loading…');
  const element = h('article', { class: 'detail', 'aria-labelledby': 'detail-heading' },
    h('button', { type: 'button', class: 'secondary back', onclick: onClose }, '← Back to the list'),
    title, summary, message, actions, reassign, formArea,
    h('section', { 'aria-labelledby': 'history-heading' }, h('h3', { id: 'history-heading' }, 'History'), historyList),
    h('section', { 'aria-labelledby': 'diagram-heading' }, h('h3', { id: 'diagram-heading' }, 'Process'), diagramArea));

  let task = null;
  let formShownFor = null;
  let diagramShown = false;
  let shownTask = null;
  let shownHistory = null;

  const me = identity.userId;
  const showError = (error) => {
    message.textContent = error instanceof ApiError ? error.message : String(error);
    message.hidden = false;
  };
  const clearError = () => { message.hidden = true; message.textContent = ''; };

  async function act(run, after) {
    clearError();
    try {
      await run();
      await refresh();
      after?.();
      onChanged();
      return true;
    } catch (error) {
      showError(error);
      return false;
    }
  }

  function field(label, value) {
    return [h('dt', {}, label), h('dd', {}, value ?? '—')];
  }

  function renderSummary() {
    const headers = Object.entries(task.customHeaders ?? {});
    summary.replaceChildren(
      h('p', { class: 'detail-badges' }, h('span', { class: `badge state-${task.state.toLowerCase()}` }, task.state), badges(task)),
      h('dl', { class: 'fields' },
        field('Process', `${task.processName || task.processDefinitionId} (version ${task.processDefinitionVersion})`),
        field('Instance', task.processInstanceKey),
        field('Priority', String(task.priority ?? 50)),
        field('Assignee', task.assignee ?? 'nobody'),
        field('Candidate groups', (task.candidateGroups ?? []).join(', ') || '—'),
        field('Candidate users', (task.candidateUsers ?? []).join(', ') || '—'),
        field('Created', formatDate(task.creationDate)),
        field('Due', formatDate(task.dueDate)),
        field('Follow up', formatDate(task.followUpDate)),
        task.completionDate && field('Ended', formatDate(task.completionDate)),
        headers.length > 0 && field('Headers', h('ul', { class: 'headers' }, headers.map(([k, v]) => h('li', {}, h('code', {}, k), ': ', v))))));
  }

  function renderActions() {
    const open = task.state === 'CREATED';
    const mine = !!me && task.assignee === me;
    const buttons = [];
    const hadFocus = actions.contains(document.activeElement) || reassign.contains(document.activeElement);
    if (open && !task.assignee && me) {
      buttons.push(h('button', { type: 'button', onclick: () => act(() => api.claim(key)) }, 'Claim'));
    }
    if (open && mine) {
      buttons.push(h('button', { type: 'button', class: 'secondary', onclick: () => act(() => api.unclaim(key)) }, 'Unclaim'));
    }
    if (open) {
      const assignee = h('input', { id: 'reassign-to', type: 'text', autocomplete: 'off', placeholder: 'user id', required: true });
      reassign.replaceChildren(h('form', {
        class: 'reassign',
        onsubmit: (event) => {
          event.preventDefault();
          if (assignee.value.trim()) act(() => api.assign(key, assignee.value.trim()));
        },
      }, h('label', { for: 'reassign-to' }, 'Reassign to'), assignee, h('button', { type: 'submit', class: 'secondary' }, 'Reassign')));
      buttons.push(h('button', { type: 'button', class: 'danger', onclick: fail }, 'Fail…'));
      buttons.push(h('button', { type: 'button', class: 'danger', onclick: cancel }, 'Cancel task…'));
    }
    if (!open) reassign.replaceChildren();
    actions.replaceChildren(...buttons);
    // The button just used may be gone (Claim becomes Unclaim): keep a keyboard user's focus in the actions.
    if (hadFocus) (actions.querySelector('button') ?? title).focus();
  }

  async function fail() {
    const code = h('input', { id: 'fail-code', type: 'text', required: true, autocomplete: 'off' });
    const text = h('textarea', { id: 'fail-message', rows: 3, required: true });
    const ok = await confirmDialog('Fail this task?', [
      h('p', {}, 'The task ends as failed and the process handles the error (a boundary event, or an incident).'),
      h('label', { for: 'fail-code' }, 'Error code'), code,
      h('label', { for: 'fail-message' }, 'Error message'), text,
    ], 'Fail task');
    if (ok) await act(() => api.fail(key, code.value.trim(), text.value.trim()));
  }

  async function cancel() {
    const reason = h('input', { id: 'cancel-reason', type: 'text', autocomplete: 'off' });
    const ok = await confirmDialog('Cancel this task?', [
      h('p', {}, 'The task ends as canceled and its branch of the process stops. This cannot be undone.'),
      h('label', { for: 'cancel-reason' }, 'Reason (optional)'), reason,
    ], 'Cancel task');
    if (ok) await act(() => api.cancel(key, reason.value.trim()));
  }

  function renderHistory(history) {
    historyList.replaceChildren(...(history.items ?? []).map((entry) => h('li', {},
      h('time', { datetime: entry.timestamp }, formatDate(entry.timestamp)), ' ',
      h('strong', {}, entry.event ?? entry.type.toLowerCase().replaceAll('_', ' ')), ' by ', entry.actor,
      describe(entry))));
  }

  function describe(entry) {
    const d = entry.details ?? {};
    if (d.assignee) return ` → ${d.assignee}`;
    if (d.errorCode) return ` (${d.errorCode}: ${d.errorMessage ?? ''})`;
    if (d.reason) return ` (${d.reason})`;
    return '';
  }

  async function refresh() {
    const [loaded, history] = await Promise.all([api.task(key), api.history(key)]);
    // Re-rendering what did not change would take the focus and half-typed input away from the user.
    const taskSignature = JSON.stringify(loaded);
    const historySignature = JSON.stringify(history);
    if (historySignature !== shownHistory) {
      shownHistory = historySignature;
      renderHistory(history);
    }
    if (taskSignature === shownTask) return;
    shownTask = taskSignature;
    task = loaded;
    title.textContent = task.name || task.elementId;
    renderSummary();
    renderActions();
    if (formShownFor !== task.state + (task.assignee ?? '')) {
      formShownFor = task.state + (task.assignee ?? '');
      await renderTaskForm({ api, key, task, history, container: formArea, me, onCompleted: () => { refresh(); onChanged(); } });
    }
    if (!diagramShown) {
      diagramShown = true;
      renderDiagram({ api, task, container: diagramArea }).catch((error) => {
        diagramArea.replaceChildren(h('p', { class: 'muted' }, `The diagram cannot be shown: ${error.message}`));
      });
    }
  }

  const ready = refresh().then(() => title.focus(), (error) => {
    title.textContent = 'Task not available';
    showError(error);
    onError?.(error.message);
  });
  return { element, refresh: () => refresh().catch(showError), ready };
}
