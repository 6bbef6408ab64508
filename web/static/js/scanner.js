// Lecture du QR code d’une feuille d’émargement avec la caméra (SPEC ATT-2) : amélioration
// progressive de /emargement/scanner. Sans l’API BarcodeDetector ou sans caméra, le formulaire de
// saisie du code reste la voie normale. Fichier externe : la politique CSP interdit tout script
// en ligne.
(function () {
  'use strict';
  var root = document.querySelector('[data-scanner]');
  if (!root) return;
  var status = document.getElementById('lecteur-etat');
  var start = document.getElementById('lecteur-demarrer');
  var stop = document.getElementById('lecteur-arreter');
  var video = document.getElementById('lecteur-video');
  var view = root.querySelector('.pc-scanner__view');
  var CODE = /^[A-Za-z]-?[A-Za-z0-9]{7}$/;
  var TYPE_IT = ' Saisissez le code imprimé sous le QR code dans le formulaire ci-dessous.';
  var stream = null;
  var timer = null;
  var detector = null;

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

  function scan() {
    detector.detect(video).then(function (found) {
      for (var i = 0; i < found.length; i++) {
        var code = codeOf(found[i].rawValue);
        if (code) {
          halt();
          say('Code lu : ' + code + '. Ouverture de la séance…');
          window.location.assign('/emargement/' + encodeURIComponent(code));
          return;
        }
      }
      timer = window.setTimeout(scan, 300);
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

  var supported = 'BarcodeDetector' in window && navigator.mediaDevices &&
      typeof navigator.mediaDevices.getUserMedia === 'function';
  if (supported) {
    try {
      detector = new window.BarcodeDetector({ formats: ['qr_code'] });
    } catch (e) {
      supported = false;
    }
  }
  if (!supported) {
    say('Votre navigateur ne sait pas lire les QR codes avec la caméra.' + TYPE_IT);
    return;
  }
  start.hidden = false;
  say('Appuyez sur « Activer la caméra », puis présentez le QR code de la feuille.');
  start.addEventListener('click', begin);
  stop.addEventListener('click', function () {
    halt();
    say('Caméra arrêtée.');
  });
})();
