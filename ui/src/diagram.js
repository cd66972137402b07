// The process diagram of a task, drawn by the bpmn-js viewer (pan and zoom), with the task's element marked.
import NavigatedViewer from 'bpmn-js/lib/NavigatedViewer';
import 'bpmn-js/dist/assets/diagram-js.css';
import 'bpmn-js/dist/assets/bpmn-js.css';
import { h } from './dom.js';

/** Loads the BPMN XML of the task's process version and shows it in `container`. */
export async function renderDiagram({ api, task, container }) {
  const xml = await api.processXml(task.processDefinitionKey);
  const canvasHost = h('div', { class: 'diagram-canvas' });
  container.replaceChildren(canvasHost);
  const viewer = new NavigatedViewer({ container: canvasHost });
  try {
    await viewer.importXML(xml);
  } catch (error) {
    viewer.destroy();
    // Processes written by hand often have no diagram layout (BPMN DI); there is nothing to draw then.
    container.replaceChildren(h('p', { class: 'muted' }, `No diagram for this process (${error.message}).`));
    return;
  }
  const canvas = viewer.get('canvas');
  const registry = viewer.get('elementRegistry');
  canvas.zoom('fit-viewport', 'auto');
  if (task.state === 'CREATED' && registry.get(task.elementId)) {
    canvas.addMarker(task.elementId, 'active-task');
  }
  container.dataset.activeElement = task.elementId;
}
