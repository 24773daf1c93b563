// Fits the frames that show received mail to the height of their
// documents, so a mail reads like the rest of the page. The documents
// are ours (same origin, sandboxed, without scripts of their own); this
// script only measures them. Without it a frame keeps its height from
// the stylesheet, and the reader can resize it.
(function () {
  "use strict";

  function fit(frame) {
    var doc;
    try {
      doc = frame.contentDocument;
    } catch (e) {
      return; // not ours to measure: keep the stylesheet's height
    }
    if (!doc || !doc.documentElement || doc.URL === "about:blank") {
      return;
    }
    // The root element's box is as tall as the content; scrollHeight
    // would never be less than the frame's current height, so a short
    // mail could not shrink its frame.
    var height = Math.ceil(doc.documentElement.getBoundingClientRect().height);
    if (height > 0) {
      frame.style.height = (height + 4) + "px";
    }
  }

  var frames = document.querySelectorAll("iframe.mail-frame");
  for (var i = 0; i < frames.length; i++) {
    (function (frame) {
      frame.addEventListener("load", function () {
        fit(frame);
        // Opening the folded quote makes the document taller.
        try {
          frame.contentDocument.addEventListener("toggle", function () { fit(frame); }, true);
        } catch (e) {
          // not ours to measure
        }
      });
      try {
        if (frame.contentDocument && frame.contentDocument.readyState === "complete") {
          fit(frame);
        }
      } catch (e) {
        // measured on load, if at all
      }
    })(frames[i]);
  }
})();
