// The web chat page: sends what a person types and clicks to the bot, renders the bot's Adaptive Cards with
// the official renderer, and follows the room live (Server-Sent Events). No markup is built from strings:
// cards go to the renderer as JSON, everything else is set with textContent.
'use strict';

(() => {
  const AC = window.AdaptiveCards;
  const $ = (id) => document.getElementById(id);
  const transcript = $('transcript');
  const locale = navigator.language || 'en';
  // What the renderer reported while parsing cards on this page (read by the browser test).
  const report = { warnings: [], rendered: 0 };
  window.webchat = report;
  let texts = {};
  // Container styles carry a card's severity (good, attention, warning), so they get visible colours.
  const hostConfig = new AC.HostConfig({
    fontFamily: getComputedStyle(document.body).fontFamily,
    containerStyles: {
      default: { backgroundColor: '#FFFFFF' },
      emphasis: { backgroundColor: '#F3F4F6' },
      accent: { backgroundColor: '#E0E7FF' },
      good: { backgroundColor: '#DCFCE7' },
      attention: { backgroundColor: '#FEE2E2' },
      warning: { backgroundColor: '#FEF3C7' },
    },
  });

  // The per-start key comes in the address the bot printed (#key=…); it is kept for this tab only and taken out
  // of the address bar. Every request to the room carries it as a header (EventSource cannot, hence fetch below).
  const key = (() => {
    const fromAddress = new URLSearchParams(location.hash.slice(1)).get('key');
    if (fromAddress) {
      sessionStorage.setItem('webchat.key', fromAddress);
      history.replaceState(null, '', location.pathname + location.search);
    }
    return sessionStorage.getItem('webchat.key') || '';
  })();
  const keyHeader = { 'X-WebChat-Key': key };

  const user = (() => {
    let id = localStorage.getItem('webchat.user.id');
    if (!id || !/^[A-Za-z0-9_-]{1,64}$/.test(id)) {
      const bytes = crypto.getRandomValues(new Uint8Array(3));
      id = 'guest-' + Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
      localStorage.setItem('webchat.user.id', id);
    }
    const name = localStorage.getItem('webchat.user.name') || id;
    return { id, name };
  })();

  const nameInput = $('name');
  nameInput.value = user.name;
  nameInput.addEventListener('change', () => {
    const name = nameInput.value.trim();
    user.name = name || user.id;
    nameInput.value = user.name;
    localStorage.setItem('webchat.user.name', user.name);
  });

  async function post(path, body) {
    const response = await fetch(path, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...keyHeader },
      body: JSON.stringify({ user, locale, ...body }),
    });
    if (!response.ok) {
      let title = response.status + ' ' + response.statusText;
      try { title = (await response.json()).title || title; } catch { /* not JSON */ }
      throw new Error(title);
    }
    return response.json();
  }

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function time(at) {
    const date = new Date(at);
    return isNaN(date) ? '' : date.toLocaleTimeString(locale, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });
  }

  // Card text is markdown with backslash escapes (Teams reads markdown: Bot.Core.Cards.CardMarkdown); this renderer
  // shows text as is, so the escapes are undone here and names and alarm titles show as typed.
  const escaped = /\\([\\`*_\[\]<>~#&|\-+.)])/g;
  function asTyped(node) {
    if (Array.isArray(node)) return node.map(asTyped);
    if (!node || typeof node !== 'object') return node;
    const copy = {};
    for (const [key, value] of Object.entries(node)) {
      const isText = typeof value === 'string'
        && ((key === 'text' && node.type === 'TextBlock') || ((key === 'title' || key === 'value') && !('type' in node)));
      copy[key] = isText ? value.replace(escaped, '$1') : asTyped(value);
    }
    return copy;
  }

  function renderCard(message, host) {
    const card = new AC.AdaptiveCard();
    card.hostConfig = hostConfig;
    card.onExecuteAction = (action) => click(action, message.id, host);
    const context = new AC.SerializationContext();
    card.parse(asTyped(message.card), context);
    for (let i = 0; i < context.eventCount; i++) {
      const event = context.getEventAt(i);
      report.warnings.push({ message: event.message, event: event.event, messageId: message.id });
    }
    report.rendered++;
    return card.render();
  }

  function renderMessage(message) {
    const node = el('article', 'msg ' + message.kind);
    node.dataset.id = message.id;
    if (message.threadOf) {
      // A line of a card's log: shown beneath that card.
      node.classList.add('thread');
      node.dataset.threadOf = message.threadOf;
      node.append(el('div', 'said', (message.text || '') ));
      return node;
    }
    if (message.kind === 'person') {
      node.append(el('div', 'meta', (message.author || '') + ' · ' + time(message.at)));
      node.append(el('div', 'said', message.text || ''));
      return node;
    }
    node.append(el('div', 'meta', 'Bot · ' + time(message.at)));
    const row = el('div', 'row');
    const host = el('div', 'card');
    if (message.card) {
      try {
        host.append(renderCard(message, host));
      } catch (error) {
        report.warnings.push({ message: String(error), messageId: message.id });
        host.append(el('div', 'said', message.text || ''));
      }
    }
    row.append(host);
    if (message.note) {
      const note = el('aside', 'note');
      note.append(el('h2', null, message.note.title));
      note.append(el('pre', null, message.note.text));
      row.append(note);
    }
    node.append(row);
    return node;
  }

  // Messages come from the stream and from answers to this page's own requests; the latest copy wins.
  function show(message) {
    const fresh = renderMessage(message);
    const existing = transcript.querySelector('article[data-id="' + CSS.escape(message.id) + '"]');
    const atBottom = transcript.scrollHeight - transcript.scrollTop - transcript.clientHeight < 40;
    const card = message.threadOf && transcript.querySelector('article[data-id="' + CSS.escape(message.threadOf) + '"]');
    if (existing) existing.replaceWith(fresh);
    else if (card) {
      let last = card;
      while (last.nextElementSibling && last.nextElementSibling.dataset.threadOf === message.threadOf) last = last.nextElementSibling;
      last.after(fresh);
    } else transcript.append(fresh);
    if (atBottom || !existing) transcript.scrollTop = transcript.scrollHeight;
  }

  function notice(text) {
    const node = el('div', 'notice', (texts.onlyYou ? texts.onlyYou + ': ' : '') + text);
    transcript.append(node);
    transcript.scrollTop = transcript.scrollHeight;
  }

  async function click(action, messageId, host) {
    let verb;
    let id;
    if (action instanceof AC.ExecuteAction) {
      verb = action.verb;
      id = action.data && action.data.id;
    } else if (action instanceof AC.SubmitAction) {
      verb = action.data && action.data.verb;
      id = action.data && action.data.id;
    } else {
      return;
    }
    host.classList.add('busy');
    try {
      const result = await post('/web/actions', { verb, id, messageId });
      if (result.updated) show(result.updated);
      if (result.reply) show(result.reply);
      if (result.notice) notice(result.notice);
    } catch (error) {
      notice((texts.noAnswer || '{0}').replace('{0}', error.message));
    } finally {
      host.classList.remove('busy');
    }
  }

  $('composer').addEventListener('submit', async (event) => {
    event.preventDefault();
    const input = $('text');
    const text = input.value.trim();
    if (!text) return;
    input.value = '';
    try {
      const result = await post('/web/messages', { text });
      show(result.message);
      show(result.reply);
    } catch (error) {
      notice((texts.noAnswer || '{0}').replace('{0}', error.message));
    }
    input.focus();
  });

  const handlers = {
    snapshot: (data) => {
      transcript.replaceChildren();
      for (const message of JSON.parse(data).messages) show(message);
      $('offline').hidden = true;
      document.body.dataset.connected = 'true';
    },
    message: (data) => show(JSON.parse(data)),
    update: (data) => show(JSON.parse(data)),
  };

  function offline() {
    $('offline').hidden = false;
    document.body.dataset.connected = 'false';
  }

  // Server-Sent Events read with fetch, so the stream carries the key like every other request.
  async function follow() {
    try {
      const response = await fetch('/web/events', { headers: { Accept: 'text/event-stream', ...keyHeader }, cache: 'no-store' });
      if (response.status === 401) return locked();
      if (!response.ok || !response.body) throw new Error(response.statusText);
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          let event = 'message';
          const data = [];
          for (const line of block.split('\n')) {
            if (line.startsWith('event:')) event = line.slice(6).trim();
            else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''));
          }
          if (data.length && handlers[event]) handlers[event](data.join('\n'));
        }
      }
    } catch {
      // Reconnect below, as EventSource would.
    }
    offline();
    setTimeout(follow, 2000);
  }

  // Without the key nothing of the room is shown; the page says where the right address is.
  function locked() {
    offline();
    $('offline').textContent = texts.needsKey || '';
    $('composer').hidden = true;
  }

  async function loadTexts() {
    try {
      const response = await fetch('/web/texts?locale=' + encodeURIComponent(locale));
      texts = await response.json();
    } catch {
      return;
    }
    document.documentElement.lang = texts.lang || 'en';
    document.title = texts.title;
    $('title').textContent = texts.title;
    $('name-label').textContent = texts.yourName;
    $('text').placeholder = texts.inputHint;
    $('send').textContent = texts.send;
    $('offline').textContent = texts.offline;
    if (texts.simulated) {
      $('simulated').textContent = texts.simulated;
      $('simulated').hidden = false;
    }
  }

  loadTexts().finally(() => (key ? follow() : locked()));
  $('text').focus();
})();
