/* Starts the document view of a report written by `framing lint --format html`. */
"use strict";

(function () {
  var data = window.FramingView.readData("framing-data");
  var view = new window.FramingView(document.getElementById("view"), data);
  view.show(data.documents || []);
})();
