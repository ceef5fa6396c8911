// Starts Web Chat inside the widget frame: token from the bot, Direct Line over WebSocket, AI badge on labelled messages.
(async function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var accent = /^#[0-9a-fA-F]{6}$/.test(params.get('accent') || '') ? params.get('accent') : '#005a9f';

  // White text when it reaches WCAG contrast 4.5:1 on the accent, near-black otherwise.
  function textColourOn(hex) {
    var luminance = [1, 3, 5].map(function (i) {
      var channel = parseInt(hex.slice(i, i + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : Math.pow((channel + 0.055) / 1.055, 2.4);
    }).reduce(function (sum, channel, i) { return sum + channel * [0.2126, 0.7152, 0.0722][i]; }, 0);
    return 1.05 / (luminance + 0.05) >= 4.5 ? '#fff' : '#1a1a1a';
  }

  // Set through the CSSOM, which the content security policy allows (inline style attributes it does not).
  var onAccent = textColourOn(accent);
  document.documentElement.style.setProperty('--accent', accent);
  document.documentElement.style.setProperty('--on-accent', onAccent);

  // The bot decides which of its languages the locale stands for (anything else is German) and which way it is written.
  var response = await fetch('/api/webchat/ui?locale=' + encodeURIComponent(params.get('locale') || ''));
  var ui = await response.json();
  var language = ui.language;

  document.documentElement.lang = language;
  document.documentElement.dir = ui.direction;
  document.title = ui.title;
  document.getElementById('chat-title').textContent = params.get('title') || ui.title;
  document.getElementById('chat-subtitle').textContent = ui.subtitle;

  // Switching language starts the chat again in that language, keeping the city's other settings.
  var switcher = document.getElementById('chat-language');
  document.getElementById('chat-language-label').textContent = ui.languageSwitch;
  ui.languages.forEach(function (choice) {
    var option = new Option(choice.name, choice.code, false, choice.code === language);
    option.lang = choice.code;
    switcher.add(option);
  });
  switcher.addEventListener('change', function () {
    var switched = new URLSearchParams(params);
    switched.set('locale', switcher.value);
    location.href = '/chat.html?' + switched.toString();
  });

  var tokenResponse = await fetch('/api/webchat/token?locale=' + language, { method: 'POST' });
  var token = (await tokenResponse.json()).token;

  var directLine = window.WebChat.createDirectLine({
    token: token,
    domain: location.origin + '/v3/directline',
    webSocket: true
  });

  function isAiGenerated(activity) {
    return (activity.entities || []).some(function (entity) {
      return entity['@id'] === '' && entity['@type'] === 'Message' &&
        (entity.additionalType || []).indexOf('AIGeneratedContent') >= 0;
    });
  }

  // Web Chat draws no AI badge itself; the status line of each labelled bot message gets one.
  var activityStatusMiddleware = function () {
    return function (next) {
      return function (args) {
        var status = next(args);
        if (!isAiGenerated(args.activity)) {
          return status;
        }
        return window.React.createElement(
          window.React.Fragment,
          null,
          window.React.createElement('span', { className: 'ai-badge', title: ui.aiLabelDescription }, ui.aiLabel),
          status
        );
      };
    };
  };

  window.WebChat.renderWebChat({
    directLine: directLine,
    locale: ui.webChatLocale,
    dir: ui.direction,
    activityStatusMiddleware: activityStatusMiddleware,
    styleOptions: {
      accent: accent,
      hideUploadButton: true,
      botAvatarInitials: 'KI',
      // Web Chat writes the initials in white; on a light accent they would be unreadable.
      botAvatarBackgroundColor: onAccent === '#fff' ? accent : '#1a1a1a',
      bubbleBorderRadius: 6,
      primaryFont: 'system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif',
      sendBoxTextWrap: true
    }
  }, document.getElementById('webchat'));

  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();
