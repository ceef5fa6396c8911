// Starts Web Chat inside the widget frame: token from the bot, Direct Line over WebSocket, AI badge on labelled messages.
(async function () {
  'use strict';

  var params = new URLSearchParams(location.search);
  var language = params.get('locale') === 'en' ? 'en' : 'de';
  var accent = /^#[0-9a-fA-F]{6}$/.test(params.get('accent') || '') ? params.get('accent') : '#005a9f';
  var other = language === 'en' ? 'de' : 'en';

  var response = await fetch('/api/webchat/ui?locale=' + language);
  var ui = await response.json();

  document.documentElement.lang = language;
  document.title = ui.title;
  document.getElementById('chat-title').textContent = params.get('title') || ui.title;
  document.getElementById('chat-subtitle').textContent = ui.subtitle;
  var switcher = document.getElementById('chat-language');
  var otherQuery = new URLSearchParams(params);
  otherQuery.set('locale', other);
  switcher.href = '/chat.html?' + otherQuery.toString();
  switcher.lang = other;
  switcher.textContent = ui.otherLanguage;

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
    locale: language === 'en' ? 'en-US' : 'de-DE',
    activityStatusMiddleware: activityStatusMiddleware,
    styleOptions: {
      accent: accent,
      hideUploadButton: true,
      botAvatarInitials: 'KI',
      bubbleBorderRadius: 6,
      sendBoxTextWrap: true
    }
  }, document.getElementById('webchat'));

  document.querySelector('#webchat input, #webchat textarea')?.focus();
})();
