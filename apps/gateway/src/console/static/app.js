// The console's shell: hash routes → pages, the project picker, and asking for a key when the API says 401.
import { ApiFailure, KeyRequired, currentKey, forgetKey, getJson, rememberKey } from './api.js';
import { h, show } from './dom.js';
import { renderJobs } from './pages/jobs.js';
import { renderModel } from './pages/model.js';
import { renderModels } from './pages/models.js';
import { renderOperations } from './pages/operations.js';
import { renderVersion } from './pages/version.js';

const PROJECT_ITEM = 'presage.project';
const DEFAULT_PROJECT = 'demo';
const SEGMENT = '([^/]+)';

/** Route patterns over the hash (`#/projects/demo/models/iris`), most specific first. */
const ROUTES = [
  [new RegExp(`^/projects/${SEGMENT}/models/${SEGMENT}/versions/${SEGMENT}$`), renderVersion, 'models'],
  [new RegExp(`^/projects/${SEGMENT}/models/${SEGMENT}$`), renderModel, 'models'],
  [new RegExp(`^/projects/${SEGMENT}/models$`), renderModels, 'models'],
  [new RegExp(`^/projects/${SEGMENT}/jobs$`), renderJobs, 'jobs'],
  [new RegExp(`^/projects/${SEGMENT}/operations$`), renderOperations, 'operations'],
];

const view = document.getElementById('view');
let cleanup = () => undefined;
let keyPrompt;

/** What the console exposes for its browser tests: each chart's name → its data. */
window.presageConsole = { charts: {}, route: '' };

function currentProject() {
  return localStorage.getItem(PROJECT_ITEM) || DEFAULT_PROJECT;
}

function routeOf(hash) {
  const path = decodeURI(hash.replace(/^#/, '')) || '/';
  for (const [pattern, render, section] of ROUTES) {
    const match = pattern.exec(path);
    if (match) return { path, render, section, params: match.slice(1) };
  }
  return undefined;
}

function navigate() {
  cleanup();
  cleanup = () => undefined;
  const route = routeOf(location.hash);
  if (!route) {
    location.replace(`#/projects/${encodeURIComponent(currentProject())}/models`);
    return;
  }
  const project = route.params[0];
  localStorage.setItem(PROJECT_ITEM, project);
  updateHeader(project, route.section);
  window.presageConsole.route = route.path;
  const controller = new AbortController();
  const context = { project, signal: controller.signal, failed: (error) => showFailure(error) };
  let pageCleanup;
  try {
    pageCleanup = route.render(view, route.params, context);
  } catch (error) {
    showFailure(error);
  }
  cleanup = () => {
    controller.abort();
    if (typeof pageCleanup === 'function') pageCleanup();
  };
}

function updateHeader(project, section) {
  const base = `#/projects/${encodeURIComponent(project)}`;
  document.getElementById('nav-models').href = `${base}/models`;
  document.getElementById('nav-jobs').href = `${base}/jobs`;
  document.getElementById('nav-operations').href = `${base}/operations`;
  for (const name of ['models', 'jobs', 'operations']) {
    document.getElementById(`nav-${name}`).classList.toggle('current', name === section);
  }
  const input = document.getElementById('project-input');
  if (document.activeElement !== input) input.value = project;
  document.getElementById('forget-key').hidden = !currentKey();
}

/** A page's data could not be loaded: a key is asked for, or the error is shown where the page would be. */
function showFailure(error) {
  if (error?.name === 'AbortError') return;
  if (error instanceof KeyRequired) {
    askForKey(error.message);
    return;
  }
  const status = error instanceof ApiFailure && error.status ? ` (HTTP ${error.status})` : '';
  show(
    view,
    h(
      'div',
      { class: 'error-box', role: 'alert' },
      h('strong', {}, `Could not load this page${status}`),
      h('p', {}, error?.message ?? String(error)),
      h('button', { type: 'button', onclick: () => navigate() }, 'Try again'),
    ),
  );
}

function askForKey(reason) {
  const dialog = document.getElementById('key-dialog');
  const problem = document.getElementById('key-problem');
  show(view, h('p', { class: 'empty' }, 'This Presage requires an API key.'));
  problem.hidden = !currentKey();
  problem.textContent = currentKey() ? `That key was refused: ${reason}` : '';
  if (currentKey()) forgetKey();
  keyPrompt ??= new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(), { once: true });
  }).then(() => {
    keyPrompt = undefined;
    navigate();
  });
  if (!dialog.open) dialog.showModal();
  document.getElementById('key-input').focus();
}

document.getElementById('key-form').addEventListener('submit', () => {
  const key = document.getElementById('key-input').value.trim();
  if (key) rememberKey(key);
  document.getElementById('key-input').value = '';
});

document.getElementById('forget-key').addEventListener('click', () => {
  forgetKey();
  navigate();
});

document.getElementById('project-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const project = document.getElementById('project-input').value.trim();
  if (project) location.hash = `#/projects/${encodeURIComponent(project)}/models`;
});

window.addEventListener('hashchange', navigate);
window.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  showFailure(event.reason);
});

document.getElementById('project-input').value = routeOf(location.hash)?.params[0] ?? currentProject();
// With auth on, ask for the key before the first call instead of after a refused one.
getJson('/console/api/settings').then(
  (settings) => {
    if (settings.auth === 'required' && !currentKey()) askForKey('');
    else navigate();
  },
  (error) => showFailure(error),
);
