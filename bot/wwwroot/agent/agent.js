// The agent console: sign in, watch the queue live over SignalR, accept a case, read its transcript, reply, transfer, close.
(function () {
  'use strict';

  var api = '/api/agent';
  var staffApi = '/api/staff';
  var reasons = {
    Request: 'Wunsch nach einem Menschen (asked for a person)',
    HumanOnly: 'Nur Menschen gewünscht (humans only)',
    Crisis: 'Krise oder Notfall (crisis)',
    Abstentions: 'Assistent konnte nicht helfen (bot could not answer)',
    NegativeFeedback: 'Negative Rückmeldungen (negative feedback)'
  };
  var languages = { de: 'Deutsch', en: 'Englisch (English)' };
  var authors = { citizen: 'Bürgerin/Bürger (Citizen)', bot: 'Assistent – KI (Bot)', staff: 'Mitarbeiter/in (Staff)' };

  // antiforgery: the token of this session, sent with every change so another site cannot act in the agent's name.
  var state = { name: '', cases: [], openCase: null, canned: {}, hub: null, antiforgery: '' };

  function byId(id) { return document.getElementById(id); }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = text; }
    return node;
  }

  function showError(message) { byId('error').textContent = message || ''; }

  function announce(message) { byId('announcer').textContent = message; }

  // Every desk call; a refusal becomes an Error carrying the server's problem detail and status.
  function call(method, path, body) { return send(method, api + path, body); }

  function callStaff(method, path, body) { return send(method, staffApi + path, body); }

  async function send(method, url, body) {
    var headers = body === undefined ? {} : { 'Content-Type': 'application/json' };
    if (method !== 'GET' && state.antiforgery) { headers['X-CSRF-TOKEN'] = state.antiforgery; }
    var response = await fetch(url, {
      method: method,
      credentials: 'same-origin',
      headers: headers,
      body: body === undefined ? undefined : JSON.stringify(body)
    });
    var text = await response.text();
    var json = text ? JSON.parse(text) : null;
    if (!response.ok) {
      var error = new Error((json && (json.detail || json.title)) || ('HTTP ' + response.status));
      error.status = response.status;
      throw error;
    }
    return json;
  }

  function explain(error) {
    if (error.status === 401) { return 'Bitte melden Sie sich an. (Please sign in.) ' + error.message; }
    if (error.status === 403) { return 'Das dürfen Sie nicht. (Not allowed.) ' + error.message; }
    if (error.status === 409) { return 'Das geht gerade nicht mehr. (Conflict.) ' + error.message; }
    if (error.status === 429) { return 'Zu viele Fehlversuche; bitte später noch einmal. (Too many failed attempts; try again later.) ' + error.message; }
    return 'Fehler (Error): ' + error.message;
  }

  function minutesSince(iso) {
    return iso ? Math.max(0, Math.floor((Date.now() - new Date(iso).getTime()) / 60000)) : 0;
  }

  function isCrisis(c) { return c.reason === 'Crisis' || c.priority > 0; }

  // ---- Sign-in ----

  function showSignIn() {
    if (state.hub) { state.hub.stop(); state.hub = null; }
    byId('desk').hidden = true;
    byId('account').hidden = true;
    byId('signin').hidden = false;
    byId('signin-name').focus();
  }

  byId('signin-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    showError('');
    var name = byId('signin-name').value.trim();
    var password = byId('signin-password').value;
    if (!name || !password) {
      showError('Bitte Benutzername und Passwort eingeben. (Enter user name and password.)');
      return;
    }
    try {
      var account = await callStaff('POST', '/signin', { name: name, password: password });
      state.name = account.name;
      state.antiforgery = account.antiforgeryToken;
      byId('signin-password').value = '';
      await startDesk();
    } catch (error) {
      showError(error.status === 401 ? 'Benutzername oder Passwort ist falsch. (Name or password is wrong.)' : explain(error));
    }
  });

  byId('signout').addEventListener('click', async function () {
    try { await callStaff('POST', '/signout'); } catch (error) { showError(explain(error)); }
    state.openCase = null;
    showSignIn();
  });

  // ---- Desk ----

  async function startDesk() {
    byId('signin').hidden = true;
    byId('desk').hidden = false;
    byId('account').hidden = false;
    byId('account-name').textContent = state.name;
    var loaded = await Promise.all([call('GET', '/canned-replies'), call('GET', '/colleagues'), call('GET', '/cases')]);
    state.canned = loaded[0] || {};
    renderColleagues(loaded[1] || []);
    renderCases(loaded[2] || []);
    byId('queue-title').focus();
    connectHub();
  }

  function connectHub() {
    var hub = new signalR.HubConnectionBuilder().withUrl(api + '/hub').withAutomaticReconnect().build();
    hub.on('cases', renderCases);
    hub.on('citizenWrote', function (caseId) {
      if (state.openCase && state.openCase.id === caseId) {
        announce('Neue Nachricht der Bürgerin oder des Bürgers. (New message from the citizen.)');
        loadTranscript();
      }
    });
    hub.onreconnecting(function () { setConnection('Verbindung unterbrochen, verbinde neu … (Reconnecting)'); });
    hub.onreconnected(function () { setConnection(''); });
    hub.onclose(function () { if (state.hub === hub) { setConnection('Keine Live-Verbindung. Bitte Seite neu laden. (Offline, reload the page.)'); } });
    state.hub = hub;
    hub.start().then(function () { setConnection(''); }, function (error) {
      setConnection('Keine Live-Verbindung. (Offline.)');
      showError(explain(error));
    });
  }

  function setConnection(text) {
    byId('queue-connection').textContent = text;
    byId('queue-connection').hidden = !text;
  }

  function renderCases(cases) {
    state.cases = cases;
    var waiting = cases.filter(function (c) { return c.state === 'Queued'; }).sort(function (a, b) {
      return (b.priority - a.priority) || ((a.position || 0) - (b.position || 0));
    });
    var mine = cases.filter(function (c) { return c.state === 'Accepted' && c.agent === state.name; });
    byId('queue').replaceChildren.apply(byId('queue'), waiting.map(queuedItem));
    byId('queue-empty').hidden = waiting.length > 0;
    byId('mine').replaceChildren.apply(byId('mine'), mine.map(servedItem));
    byId('mine-empty').hidden = mine.length > 0;
    // A list sent just before this agent's accept still shows the case waiting; only an ended or reassigned case leaves the view.
    var open = state.openCase && cases.filter(function (c) { return c.id === state.openCase.id; })[0];
    if (state.openCase && (!open || (open.state === 'Accepted' && open.agent !== state.name))) {
      closeCaseView('Das Gespräch liegt nicht mehr bei Ihnen. (The conversation is no longer yours.)');
    }
  }

  function caseLines(item, c) {
    if (isCrisis(c)) {
      var mark = element('p', 'case-line');
      mark.appendChild(element('span', 'crisis-mark', 'Krise – Vorrang (Crisis – priority)'));
      item.appendChild(mark);
      item.classList.add('crisis');
    }
    item.appendChild(element('p', 'case-line', 'Anlass (Reason): ' + (reasons[c.reason] || c.reason)));
    item.appendChild(element('p', 'case-line', 'Sprache (Language): ' + (languages[c.language] || c.language)));
    item.appendChild(element('p', 'case-line', c.consentToHistory
      ? 'Bisheriger Verlauf sichtbar (history shared)'
      : 'Nur neue Nachrichten sichtbar (history not shared)'));
  }

  function queuedItem(c) {
    var item = element('li');
    item.appendChild(element('p', 'case-line', 'Position ' + c.position + ' · wartet seit ' + minutesSince(c.queuedAt) + ' Min. (waiting ' + minutesSince(c.queuedAt) + ' min)'));
    caseLines(item, c);
    var accept = element('button', null, 'Übernehmen (Accept)');
    accept.type = 'button';
    accept.setAttribute('aria-label', 'Übernehmen: Position ' + c.position + (isCrisis(c) ? ', Krise' : ''));
    accept.addEventListener('click', function () { acceptCase(c); });
    item.appendChild(accept);
    return item;
  }

  function servedItem(c) {
    var item = element('li');
    item.appendChild(element('p', 'case-line', 'Übernommen vor ' + minutesSince(c.acceptedAt) + ' Min. (accepted ' + minutesSince(c.acceptedAt) + ' min ago)'));
    caseLines(item, c);
    var open = element('button', 'secondary', state.openCase && state.openCase.id === c.id ? 'Geöffnet (Open)' : 'Öffnen (Open)');
    open.type = 'button';
    open.addEventListener('click', function () { openCase(c); });
    item.appendChild(open);
    return item;
  }

  async function acceptCase(c) {
    showError('');
    try {
      var accepted = await call('POST', '/cases/' + encodeURIComponent(c.id) + '/accept');
      await openCase(accepted);
    } catch (error) {
      showError(explain(error));
    }
  }

  async function openCase(c) {
    state.openCase = c;
    byId('case').hidden = false;
    byId('case-meta').textContent = (reasons[c.reason] || c.reason) + ' · ' + (languages[c.language] || c.language) +
      (isCrisis(c) ? ' · Krise – Vorrang (Crisis – priority)' : '');
    renderCanned(c.language);
    await loadTranscript();
    byId('case-title').focus();
  }

  function closeCaseView(message) {
    state.openCase = null;
    byId('case').hidden = true;
    byId('transcript').replaceChildren();
    if (message) { announce(message); }
  }

  async function loadTranscript() {
    var c = state.openCase;
    if (!c) { return; }
    try {
      var entries = await call('GET', '/cases/' + encodeURIComponent(c.id) + '/transcript');
      if (state.openCase !== c) { return; }
      var list = byId('transcript');
      list.replaceChildren.apply(list, entries.filter(function (e) { return e.text; }).map(transcriptItem));
      list.scrollTop = list.scrollHeight;
    } catch (error) {
      showError(explain(error));
    }
  }

  function transcriptItem(entry) {
    var item = element('li', 'from-' + entry.author);
    var heading = element('p', 'message-author', authors[entry.author] || entry.author);
    if (entry.timestamp) {
      var time = element('time', null, ' · ' + new Date(entry.timestamp).toLocaleTimeString('de-DE', { hour: '2-digit', minute: '2-digit' }));
      time.dateTime = entry.timestamp;
      heading.appendChild(time);
    }
    item.appendChild(heading);
    item.appendChild(element('p', 'message-text', entry.text));
    if (entry.author === 'bot') { item.appendChild(botFacts(entry)); }
    return item;
  }

  // For each bot answer: the sources it used (links) and how confident it was.
  function botFacts(entry) {
    var facts = element('div', 'message-facts');
    var sources = (entry.sources || []).filter(function (s) { return s.url && /^https?:\/\//.test(s.url); });
    if (sources.length === 0) {
      facts.appendChild(element('p', null, 'Quellen (Sources): keine (none)'));
    } else {
      facts.appendChild(element('p', null, 'Quellen (Sources):'));
      var list = element('ul');
      sources.forEach(function (s) {
        var link = element('a', null, s.name || s.url);
        link.href = s.url;
        link.target = '_blank';
        link.rel = 'noopener noreferrer';
        var item = element('li');
        item.appendChild(link);
        list.appendChild(item);
      });
      facts.appendChild(list);
    }
    facts.appendChild(element('p', null, 'Sicherheit (Confidence): ' + confidenceText(entry.confidence)));
    return facts;
  }

  function confidenceText(confidence) {
    if (confidence === null || confidence === undefined) { return 'nicht angegeben (not given)'; }
    if (typeof confidence === 'number') { return confidence <= 1 ? Math.round(confidence * 100) + ' %' : String(confidence); }
    if (typeof confidence === 'string') { return confidence; }
    var score = confidence.score !== undefined ? confidence.score : confidence.value;
    var label = confidence.label || confidence.level || '';
    return [label, typeof score === 'number' ? confidenceText(score) : ''].filter(Boolean).join(' ') || JSON.stringify(confidence);
  }

  function renderCanned(language) {
    var replies = state.canned[language] || state.canned.de || [];
    var list = byId('canned');
    list.replaceChildren.apply(list, replies.map(function (text) {
      var button = element('button', null, text);
      button.type = 'button';
      button.addEventListener('click', function () {
        var box = byId('reply-text');
        box.value = box.value ? box.value + ' ' + text : text;
        box.focus();
      });
      var item = element('li');
      item.appendChild(button);
      return item;
    }));
  }

  function renderColleagues(colleagues) {
    var select = byId('transfer-to');
    var queue = element('option', null, 'Zurück in die Warteschlange (back to the queue)');
    queue.value = '';
    select.replaceChildren(queue);
    colleagues.forEach(function (name) {
      var option = element('option', null, name);
      option.value = name;
      select.appendChild(option);
    });
  }

  byId('reply-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    showError('');
    var c = state.openCase;
    var box = byId('reply-text');
    if (!box.value.trim()) {
      showError('Bitte eine Antwort eingeben. (Enter a reply.)');
      return;
    }
    try {
      await call('POST', '/cases/' + encodeURIComponent(c.id) + '/replies', { text: box.value });
      box.value = '';
      announce('Antwort gesendet. (Reply sent.)');
      await loadTranscript();
    } catch (error) {
      showError(explain(error));
    }
  });

  byId('transfer-form').addEventListener('submit', async function (event) {
    event.preventDefault();
    showError('');
    var to = byId('transfer-to').value || null;
    try {
      await call('POST', '/cases/' + encodeURIComponent(state.openCase.id) + '/transfer', { to: to });
      closeCaseView(to ? 'An ' + to + ' weitergegeben. (Transferred.)' : 'Zurück in die Warteschlange gegeben. (Returned to the queue.)');
      byId('queue-title').focus();
    } catch (error) {
      showError(explain(error));
    }
  });

  byId('close-case').addEventListener('click', async function () {
    showError('');
    try {
      await call('POST', '/cases/' + encodeURIComponent(state.openCase.id) + '/close');
      closeCaseView('Gespräch beendet; der Assistent ist wieder da. (Closed; the bot is back.)');
      byId('queue-title').focus();
    } catch (error) {
      showError(explain(error));
    }
  });

  // Waiting times grow while nothing else changes.
  setInterval(function () { if (state.hub) { renderCases(state.cases); } }, 30000);

  // A still valid staff cookie opens the desk directly; otherwise the sign-in form.
  callStaff('GET', '/me').then(function (me) {
    state.name = me.name || '';
    state.antiforgery = me.antiforgeryToken;
    byId('signin-oidc').hidden = !me.identityProvider;
    return state.name ? startDesk() : showSignIn();
  }).catch(function (error) {
    showSignIn();
    showError(explain(error));
  });
})();
