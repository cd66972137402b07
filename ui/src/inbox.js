// The inbox: views (with counts), filters, sort and the task list. It reloads itself every few seconds, so tasks
// others create, claim or complete show up without a page reload.
import { ApiError } from './api.js';
import { formatDate, h } from './dom.js';

const pageSize = 50;

/** The views of the inbox for an identity: their ids, labels and task filters. */
export function viewsFor(identity) {
  const me = identity.userId;
  const views = [];
  if (me) {
    views.push({ id: 'assigned', label: 'Assigned to me', filter: { state: 'CREATED', assignee: me } });
    views.push({ id: 'claimable', label: 'Claimable by me', filter: { state: 'CREATED', claimable: true } });
  }
  for (const group of identity.groups) {
    views.push({ id: `group:${group}`, label: `My groups: ${group}`, group, filter: { state: 'CREATED', candidateGroup: group } });
  }
  views.push({ id: 'open', label: 'All open', filter: { state: 'CREATED' } });
  views.push({ id: 'completed', label: 'Completed', filter: { state: 'COMPLETED' } });
  return views;
}

/** Whether the due date has passed on an open task. */
export const isOverdue = (task, now = Date.now()) =>
  task.state === 'CREATED' && !!task.dueDate && Date.parse(task.dueDate) < now;

/** Whether the follow-up date has passed on an open task. */
export const isFollowUpDue = (task, now = Date.now()) =>
  task.state === 'CREATED' && !!task.followUpDate && Date.parse(task.followUpDate) < now;

/** Badges for a task: overdue, follow-up due. */
export function badges(task) {
  return [
    isOverdue(task) && h('span', { class: 'badge overdue' }, 'Overdue'),
    isFollowUpDue(task) && h('span', { class: 'badge follow-up' }, 'Follow-up due'),
  ];
}

/**
 * The inbox component. `state` holds the view, filters and sort (kept by the caller so they survive re-renders);
 * `onOpen(key)` opens a task.
 */
export function createInbox({ api, identity, state, onOpen, onError }) {
  const views = viewsFor(identity);
  if (!views.some((v) => v.id === state.view)) state.view = views[0].id;

  const nav = h('nav', { class: 'views', 'aria-label': 'Task views' });
  const processSelect = h('select', { id: 'filter-process', onchange: () => { state.process = processSelect.value; reload(); } },
    h('option', { value: '' }, 'All processes'));
  const groupInput = h('input', {
    id: 'filter-group', type: 'search', placeholder: 'any group', value: state.group ?? '', list: 'known-groups',
    onchange: () => { state.group = groupInput.value.trim(); reload(); },
  });
  const groupList = h('datalist', { id: 'known-groups' }, identity.groups.map((g) => h('option', { value: g })));
  const sortSelect = h('select', { id: 'sort', onchange: () => { state.sort = sortSelect.value; reload(); } },
    h('option', { value: 'creationDate:DESC' }, 'Newest first'),
    h('option', { value: 'creationDate:ASC' }, 'Oldest first'),
    h('option', { value: 'priority:DESC' }, 'Highest priority'),
    h('option', { value: 'dueDate:ASC' }, 'Due soonest'));
  sortSelect.value = state.sort ?? 'creationDate:DESC';
  const filters = h('div', { class: 'filters' },
    h('label', {}, 'Process', processSelect),
    h('label', {}, 'Candidate group', groupInput, groupList),
    h('label', {}, 'Sort', sortSelect));
  const heading = h('h2', { id: 'list-heading', class: 'list-heading' });
  const list = h('ul', { class: 'task-list', 'aria-labelledby': 'list-heading' });
  const more = h('button', { type: 'button', class: 'secondary more', hidden: true, onclick: () => loadMore() }, 'Show more');
  const status = h('p', { class: 'list-status', role: 'status' });
  const element = h('section', { class: 'inbox', 'aria-label': 'Inbox' }, nav, h('div', { class: 'list-pane' }, heading, filters, status, list, more));

  let cursor = null;
  let lastCounts = null;
  let generation = 0;

  const currentView = () => views.find((v) => v.id === state.view) ?? views[0];

  function filterOf(view) {
    const filter = { ...view.filter };
    if (state.process) filter.processDefinitionId = state.process;
    if (state.group && !view.group) filter.candidateGroup = state.group;
    return filter;
  }

  function sortOf() {
    const [field, order] = (state.sort ?? 'creationDate:DESC').split(':');
    return [{ field, order }];
  }

  function renderNav(counts) {
    // The buttons are replaced; a keyboard user keeps the focus on the same view.
    const focusedView = document.activeElement?.closest?.('.view')?.dataset.view;
    nav.replaceChildren(h('ul', {}, views.map((view) => {
      const count = counts?.[view.id];
      return h('li', {}, h('button', {
        type: 'button', class: 'view', 'data-view': view.id, 'aria-current': view.id === state.view ? 'page' : undefined,
        onclick: () => { state.view = view.id; reload(); },
      }, h('span', {}, view.label), h('span', { class: 'count', 'aria-label': count === undefined ? 'counting' : `${count} ${count === '1' ? 'task' : 'tasks'}` }, count ?? '…')));
    })));
    if (focusedView) nav.querySelector(`.view[data-view="${CSS.escape(focusedView)}"]`)?.focus();
  }

  function renderTask(task) {
    const candidates = [...(task.candidateGroups ?? []), ...(task.candidateUsers ?? [])];
    return h('li', { class: 'task-item', 'data-key': task.userTaskKey },
      h('button', { type: 'button', class: 'task-open', onclick: () => onOpen(task.userTaskKey) },
        h('span', { class: 'task-name' }, task.name || task.elementId),
        h('span', { class: 'task-process' }, task.processName || task.processDefinitionId),
        h('span', { class: 'task-meta' },
          h('span', {}, `Priority ${task.priority ?? 50}`),
          task.dueDate && h('span', {}, `Due ${formatDate(task.dueDate)}`),
          h('span', {}, task.assignee ? `Assigned to ${task.assignee}` : candidates.length ? `For ${candidates.join(', ')}` : 'Unassigned'),
          badges(task))));
  }

  async function loadCounts() {
    const entries = await Promise.all(views.map(async (view) => {
      try {
        const result = await api.count(filterOf(view));
        return [view.id, `${result.totalItems}${result.hasMoreTotalItems ? '+' : ''}`];
      } catch {
        return [view.id, '?'];
      }
    }));
    return Object.fromEntries(entries);
  }

  async function reload() {
    const mine = ++generation;
    const view = currentView();
    heading.textContent = view.label;
    if (nav.querySelector('[aria-current]')?.dataset.view !== view.id) renderNav(lastCounts);
    try {
      const [counts, page] = await Promise.all([loadCounts(), api.search(filterOf(view), sortOf(), { limit: pageSize })]);
      if (mine !== generation) return;
      // Re-rendering replaces the buttons; a keyboard user keeps the focus on the same task.
      const focusedTask = document.activeElement?.closest?.('.task-item')?.dataset.key;
      lastCounts = counts;
      renderNav(counts);
      list.replaceChildren(...page.items.map(renderTask));
      if (focusedTask) list.querySelector(`.task-item[data-key="${CSS.escape(focusedTask)}"] button`)?.focus();
      cursor = page.items.length === pageSize ? page.page.endCursor : null;
      more.hidden = !cursor;
      status.textContent = page.items.length === 0 ? 'No tasks here.' : '';
    } catch (error) {
      if (mine !== generation) return;
      renderNav(null);
      onError(error instanceof ApiError ? error.message : String(error));
    }
  }

  async function loadMore() {
    if (!cursor) return;
    try {
      const page = await api.search(filterOf(currentView()), sortOf(), { limit: pageSize, after: cursor });
      list.append(...page.items.map(renderTask));
      cursor = page.items.length === pageSize ? page.page.endCursor : null;
      more.hidden = !cursor;
    } catch (error) {
      onError(error.message);
    }
  }

  async function loadProcesses() {
    try {
      const result = await api.processes();
      const ids = new Map();
      for (const p of result.items ?? []) if (!ids.has(p.processDefinitionId)) ids.set(p.processDefinitionId, p.name || p.processDefinitionId);
      processSelect.replaceChildren(h('option', { value: '' }, 'All processes'),
        [...ids].map(([id, name]) => h('option', { value: id }, name)));
      processSelect.value = state.process ?? '';
    } catch {
      // The process filter stays at "All processes"; the list itself reports errors.
    }
  }

  renderNav(null);
  loadProcesses();
  /** Focuses the entry of task `key` once the list shows it (after returning from its detail). */
  async function focusTask(key) {
    await reload();
    list.querySelector(`.task-item[data-key="${CSS.escape(key)}"] button`)?.focus();
  }

  return { element, reload, focusTask };
}
