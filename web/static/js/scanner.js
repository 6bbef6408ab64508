// Lecture du QR code d’une feuille d’émargement avec la caméra (SPEC ATT-2) : amélioration
// progressive de /emargement/scanner. Le navigateur lit le QR code avec l’API BarcodeDetector
// quand il l’a (Chrome sur Android) ; sinon (Safari sur iPhone, Firefox), avec la bibliothèque
// jsQR servie par Parcours (/static/vendor/jsqr/jsQR.js, paquet npm « jsqr »), chargée seulement
// dans ce cas. Sans caméra ni JavaScript, le formulaire de saisie du code reste la voie normale.
// Fichier externe : la politique CSP interdit tout script en ligne.
(function () {
  'use strict';
  var root = document.querySelector('[data-scanner]');
  if (!root) return;
  var status = document.getElementById('lecteur-etat');
  var start = document.getElementById('lecteur-demarrer');
  var stop = document.getElementById('lecteur-arreter');
  var video = document.getElementById('lecteur-video');
  var view = root.querySelector('.pc-scanner__view');
  var JSQR_SRC = root.getAttribute('data-jsqr') || '/static/vendor/jsqr/jsQR.js';
  var CODE = /^[A-Za-z]-?[A-Za-z0-9]{7}$/;
  var TYPE_IT = ' Saisissez le code imprimé sous le QR code dans le formulaire ci-dessous.';
  var MAX_SIDE = 720; // pixels analysed per frame by jsQR: enough for a sheet held in front
  var stream = null;
  var timer = null;
  var detect = null; // function (video) → Promise of the texts read in the frame
  var canvas = null;

  function say(text) {
    status.textContent = text;
  }

  // "https://…/emargement/E-7KQ4MPX" or the bare code → "E-7KQ4MPX"; null otherwise.
  function codeOf(value) {
    var text = String(value || '').trim();
    var at = text.lastIndexOf('/emargement/');
    if (at >= 0) text = text.slice(at + '/emargement/'.length).split(/[?#]/)[0];
    try {
      text = decodeURIComponent(text);
    } catch (e) {
      return null;
    }
    return CODE.test(text) ? text.toUpperCase() : null;
  }

  function halt() {
    if (timer) window.clearTimeout(timer);
    timer = null;
    if (stream) stream.getTracks().forEach(function (t) { t.stop(); });
    stream = null;
    view.hidden = true;
    stop.hidden = true;
    start.hidden = false;
  }

  // BarcodeDetector (native).
  function nativeDetector() {
    var detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    return function (source) {
      return detector.detect(source).then(function (found) {
        return found.map(function (f) { return f.rawValue; });
      });
    };
  }

  // jsQR: the current frame drawn on a canvas, scaled down, then decoded.
  function jsqrDetector() {
    canvas = document.createElement('canvas');
    var context = canvas.getContext('2d', { willReadFrequently: true });
    return function (source) {
      var w = source.videoWidth;
      var h = source.videoHeight;
      if (!w || !h) return Promise.resolve([]);
      var scale = Math.min(1, MAX_SIDE / Math.max(w, h));
      canvas.width = Math.round(w * scale);
      canvas.height = Math.round(h * scale);
      context.drawImage(source, 0, 0, canvas.width, canvas.height);
      var pixels = context.getImageData(0, 0, canvas.width, canvas.height);
      var found = window.jsQR(pixels.data, pixels.width, pixels.height, {
        inversionAttempts: 'dontInvert',
      });
      return Promise.resolve(found ? [found.data] : []);
    };
  }

  function scan() {
    detect(video).then(function (texts) {
      for (var i = 0; i < texts.length; i++) {
        var code = codeOf(texts[i]);
        if (code) {
          halt();
          say('Code lu : ' + code + '. Ouverture de la séance…');
          window.location.assign('/emargement/' + encodeURIComponent(code));
          return;
        }
      }
      timer = window.setTimeout(scan, 250);
    }).catch(function () {
      timer = window.setTimeout(scan, 500);
    });
  }

  function begin() {
    navigator.mediaDevices.getUserMedia({ video: { facingMode: 'environment' }, audio: false })
      .then(function (s) {
        stream = s;
        video.srcObject = s;
        view.hidden = false;
        start.hidden = true;
        stop.hidden = false;
        return video.play();
      })
      .then(function () {
        say('Caméra active : présentez le QR code de la feuille.');
        scan();
      })
      .catch(function () {
        halt();
        say('La caméra n’est pas accessible (autorisation refusée, aucune caméra, ou connexion ' +
            'non sécurisée).' + TYPE_IT);
      });
  }

  function ready(kind) {
    detect = kind;
    start.hidden = false;
    say('Appuyez sur « Activer la caméra », puis présentez le QR code de la feuille.');
    start.addEventListener('click', begin);
    stop.addEventListener('click', function () {
      halt();
      say('Caméra arrêtée.');
    });
  }

  function unsupported() {
    say('Votre navigateur ne sait pas lire les QR codes avec la caméra.' + TYPE_IT);
  }

  // The decoder served by Parcours, loaded only when the browser has none.
  function loadJsqr() {
    if (window.jsQR) return ready(jsqrDetector());
    say('Préparation du lecteur de QR code…');
    var script = document.createElement('script');
    script.src = JSQR_SRC;
    script.async = true;
    script.onload = function () {
      if (typeof window.jsQR === 'function') ready(jsqrDetector());
      else unsupported();
    };
    script.onerror = unsupported;
    document.head.appendChild(script);
  }

  var camera = navigator.mediaDevices && typeof navigator.mediaDevices.getUserMedia === 'function';
  if (!camera) {
    say('La caméra n’est pas accessible depuis ce navigateur ou sur une connexion non ' +
        'sécurisée.' + TYPE_IT);
    return;
  }
  // The native detector when it reads QR codes on this device; the library otherwise.
  function useNative() {
    try {
      ready(nativeDetector());
    } catch (e) {
      loadJsqr();
    }
  }
  var Native = window.BarcodeDetector;
  if (Native && typeof Native.getSupportedFormats === 'function') {
    Native.getSupportedFormats().then(function (formats) {
      if (formats.indexOf('qr_code') >= 0) useNative();
      else loadJsqr();
    }, loadJsqr);
  } else {
    loadJsqr();
  }
})();
