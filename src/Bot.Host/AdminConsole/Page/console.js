// The admin console: a page over the admin API (/admin/...). It signs in with the admin key once (POST /admin/session:
// an HTTP-only, same-site cookie plus an antiforgery token) and sends that token with every request it makes.
// Everything it shows is set as text (never as HTML): names and aliases come from outside.
'use strict';

const state = { csrf: null, texts: { en: {}, zh: {} }, lang: 'en', devices: [], channels: [], mapped: [], alarms: [] };

const $ = (selector) => document.querySelector(selector);

function t(key, ...args) {
  const text = state.texts[state.lang][key] ?? state.texts.en[key] ?? key;
  return text.replace(/\{(\d+)\}/g, (_, i) => String(args[Number(i)] ?? ''));
}

function applyTexts() {
  document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
  document.title = t('title');
  for (const node of document.querySelectorAll('[data-text]')) node.textContent = t(node.dataset.text);
}

function el(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  return node;
}

function row(cells) {
  const tr = document.createElement('tr');
  for (const cell of cells) {
    const td = document.createElement('td');
    if (cell instanceof Node) td.append(cell); else td.textContent = cell ?? '';
    tr.append(td);
  }
  return tr;
}

function button(textKey, onClick) {
  const b = el('button', t(textKey), { type: 'button', 'data-text': textKey });
  b.addEventListener('click', onClick);
  return b;
}

function fill(tableId, rows) {
  const body = $(`#${tableId} tbody`);
  body.replaceChildren(...rows);
  if (rows.length === 0) {
    const empty = row([t('none')]);
    empty.firstChild.colSpan = $(`#${tableId} thead tr`).children.length;
    body.append(empty);
  }
}

function when(iso) {
  return iso ? new Date(iso).toLocaleString(state.lang === 'zh' ? 'zh-CN' : 'en') : '';
}

function problemText(problem) {
  if (!problem) return null;
  if (problem.errors) return Object.values(problem.errors).flat().join(' ');
  return problem.detail || problem.title || null;
}

function say(message) {
  $('#status').textContent = message;
  $('#error').hidden = true;
}

function fail(error) {
  $('#status').textContent = '';
  $('#error').textContent = error.message;
  $('#error').hidden = false;
}

class SignedOut extends Error {}

async function api(method, path, body) {
  const headers = { 'X-CSRF-Token': state.csrf ?? '' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(path, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) { showSignIn(); throw new SignedOut(t('signInFirst')); }
  if (!response.ok) {
    const problem = await response.json().catch(() => null);
    throw new Error(problemText(problem) || `HTTP ${response.status}`);
  }
  return response.status === 204 ? null : response.json();
}

function showSignIn(message) {
  state.csrf = null;
  $('#console').hidden = true;
  $('#sign-out').hidden = true;
  $('#sign-in-view').hidden = false;
  $('#sign-in-error').hidden = !message;
  $('#sign-in-error').textContent = message ?? '';
}

async function showConsole(csrf) {
  state.csrf = csrf;
  document.body.dataset.csrf = 'present';
  $('#sign-in-view').hidden = true;
  $('#console').hidden = false;
  $('#sign-out').hidden = false;
  await refresh();
}

// ---- Views ------------------------------------------------------------------------------------

async function loadDevices() {
  state.devices = await api('GET', '/admin/devices');
  fill('devices', state.devices.map((d) => {
    const actions = el('span');
    actions.append(button('edit', () => editDevice(d)), ' ', button('remove', () => removeDevice(d.deviceId)));
    const tr = row([d.deviceId, d.alias, d.isdpDeviceId, d.chatJid, d.tencent?.productId, d.tencent?.deviceName, actions]);
    tr.dataset.id = d.deviceId;
    return tr;
  }));
  const select = $('#mapping-form select[name=device]');
  select.replaceChildren(...state.devices.map((d) => el('option', d.alias ? `${d.alias} (${d.deviceId})` : d.deviceId, { value: d.deviceId })));
}

function channelName(key) {
  return state.channels.find((c) => c.key === key)?.name ?? '';
}

async function loadChannels() {
  state.channels = await api('GET', '/admin/channels');
  fill('channels', state.channels.map((c) => row([c.key, c.platform, c.name, when(c.updatedAt)])));
  $('#known-channels').replaceChildren(...state.channels.map((c) => el('option', c.name ?? '', { value: c.key })));
}

async function loadMappings() {
  const mappings = await api('GET', '/admin/mappings');
  state.mapped = mappings.map((m) => m.channelKey);
  fill('mappings', mappings.map((m) => {
    const tr = row([m.channelKey, channelName(m.channelKey), m.deviceId,
      button('remove', () => removeAndReload(`/admin/mappings?channel=${encodeURIComponent(m.channelKey)}&device=${encodeURIComponent(m.deviceId)}`, `${m.channelKey} ↔ ${m.deviceId}`))]);
    tr.dataset.channel = m.channelKey;
    tr.dataset.device = m.deviceId;
    return tr;
  }));
  const families = await api('GET', '/admin/family-mappings');
  fill('family-mappings', families.map((f) => row([f.channelKey, channelName(f.channelKey), f.familyId,
    button('remove', () => removeAndReload(`/admin/family-mappings?channel=${encodeURIComponent(f.channelKey)}&familyId=${encodeURIComponent(f.familyId)}`, `${f.channelKey} ↔ ${f.familyId}`))])));
}

async function loadAlarms() {
  const alarms = await api('GET', '/admin/alarms?max=50');
  state.alarms = alarms;
  fill('alarms', alarms.map((a) => {
    const deliveries = el('ul');
    for (const d of a.deliveries ?? []) {
      const attempts = d.attempts ? ` ×${d.attempts}` : '';
      deliveries.append(el('li', `${d.channelKey}: ${d.state}${attempts}${d.lastError ? ` (${d.lastError})` : ''}`));
    }
    const ack = a.acknowledgement ? `${a.acknowledgement.userName} ${when(a.acknowledgement.at)}` : '';
    return row([when(a.at), `${a.title} ${a.text}`.trim(), a.category, a.deviceId ?? a.deviceAlias, deliveries, ack]);
  }));
}

// Who is on call in each channel the bot knows or has mappings for (one read per channel).
async function loadOnCall() {
  const keys = [...new Set([...state.channels.map((c) => c.key), ...state.mapped])].sort();
  const rows = [];
  for (const key of keys) {
    const people = await api('GET', `/admin/channels/${encodeURIComponent(key)}/oncall`);
    if (people.length === 0) continue;
    const tr = row([key, channelName(key), people.map((p) => p.name && p.name !== p.id ? `${p.name} (${p.id})` : p.id).join(', ')]);
    tr.dataset.channel = key;
    rows.push(tr);
  }
  fill('oncall', rows);
}

// Escalations still running, of the recent alarms that are still firing (one read per such alarm).
async function loadEscalations() {
  const rows = [];
  for (const alarm of state.alarms.filter((a) => a.state === 'Firing')) {
    for (const e of await api('GET', `/admin/alarms/${encodeURIComponent(alarm.id)}/escalation`)) {
      if (!e.dueAt) continue;
      const tr = row([`${alarm.title} ${alarm.text}`.trim(), e.channelKey, t('stepOf', e.nextStep + 1, e.steps), when(e.dueAt)]);
      tr.dataset.alarm = alarm.id;
      rows.push(tr);
    }
  }
  fill('escalations', rows);
}

async function loadSilences() {
  const silences = await api('GET', '/admin/silences');
  fill('silences', silences.map((s) => {
    const tr = row([s.deviceId, when(s.since), when(s.until), s.userName, s.channelKey]);
    tr.dataset.device = s.deviceId;
    return tr;
  }));
}

async function loadAudit() {
  const entries = await api('GET', '/admin/calls/audit?max=100');
  fill('audit', entries.map((e) => row([when(e.at), e.userName, e.deviceId, e.channelKey, e.event, e.detail])));
}

async function refresh() {
  try {
    await loadDevices();
    await loadChannels();
    await loadMappings();
    await loadOnCall();
    await loadAlarms();
    await loadEscalations();
    await loadSilences();
    await loadAudit();
  } catch (error) {
    if (!(error instanceof SignedOut)) fail(error);
  }
}

// ---- Changes (each through the admin API, which validates) ----------------------------------

function editDevice(device) {
  const form = $('#device-form');
  form.deviceId.value = device.deviceId;
  form.isdpDeviceId.value = device.isdpDeviceId ?? '';
  form.chatJid.value = device.chatJid ?? '';
  form.alias.value = device.alias ?? '';
  form.productId.value = device.tencent?.productId ?? '';
  form.deviceName.value = device.tencent?.deviceName ?? '';
  form.deviceId.focus();
}

async function removeDevice(deviceId) {
  await removeAndReload(`/admin/devices/${encodeURIComponent(deviceId)}`, deviceId);
}

async function removeAndReload(path, what) {
  if (!window.confirm(t('confirmRemove', what))) return;
  try {
    await api('DELETE', path);
    say(t('removed'));
    await refresh();
  } catch (error) {
    if (!(error instanceof SignedOut)) fail(error);
  }
}

async function submit(event, send) {
  event.preventDefault();
  try {
    await send(event.target);
    say(t('saved'));
    event.target.reset();
    await refresh();
  } catch (error) {
    if (!(error instanceof SignedOut)) fail(error);
  }
}

function selectTab(name) {
  for (const tab of document.querySelectorAll('.tab')) tab.hidden = tab.id !== `tab-${name}`;
  for (const b of document.querySelectorAll('nav [data-tab]')) b.setAttribute('aria-selected', String(b.dataset.tab === name));
}

document.addEventListener('DOMContentLoaded', async () => {
  const chosen = localStorage.getItem('console.lang');
  state.lang = chosen ?? ((navigator.language || 'en').toLowerCase().startsWith('zh') ? 'zh' : 'en');
  state.texts = await (await fetch('/admin/console/texts')).json();
  applyTexts();
  selectTab('devices');

  $('#language').addEventListener('click', () => {
    state.lang = state.lang === 'zh' ? 'en' : 'zh';
    localStorage.setItem('console.lang', state.lang);
    applyTexts();
    if (state.csrf) refresh();
  });
  for (const b of document.querySelectorAll('nav [data-tab]')) b.addEventListener('click', () => selectTab(b.dataset.tab));
  $('#refresh').addEventListener('click', refresh);

  $('#sign-in').addEventListener('submit', async (event) => {
    event.preventDefault();
    const response = await fetch('/admin/session', {
      method: 'POST', credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ key: $('#key').value }),
    });
    $('#key').value = '';
    if (!response.ok) { showSignIn(t('keyRefused')); return; }
    await showConsole((await response.json()).csrf);
  });

  $('#sign-out').addEventListener('click', async () => {
    await fetch('/admin/session', { method: 'DELETE', credentials: 'same-origin', headers: { 'X-CSRF-Token': state.csrf ?? '' } });
    showSignIn();
  });

  $('#device-form').addEventListener('submit', (event) => submit(event, (form) => {
    const tencent = form.productId.value.trim() || form.deviceName.value.trim()
      ? { productId: form.productId.value.trim(), deviceName: form.deviceName.value.trim() } : undefined;
    return api('PUT', `/admin/devices/${encodeURIComponent(form.deviceId.value.trim())}`, {
      isdpDeviceId: form.isdpDeviceId.value.trim(), chatJid: form.chatJid.value.trim(),
      alias: form.alias.value.trim() || null, tencent,
    });
  }));
  $('#mapping-form').addEventListener('submit', (event) => submit(event, (form) =>
    api('POST', '/admin/mappings', { channel: form.channel.value.trim(), device: form.device.value })));
  $('#family-form').addEventListener('submit', (event) => submit(event, (form) =>
    api('POST', '/admin/family-mappings', { channel: form.channel.value.trim(), familyId: form.familyId.value.trim() })));

  // Still signed in from before (a reload)? Then a fresh token and straight to the console.
  const session = await fetch('/admin/session', { credentials: 'same-origin' });
  if (session.ok) await showConsole((await session.json()).csrf); else showSignIn();
});
