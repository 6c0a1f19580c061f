// The course's JupyterLab extension, with no build step (a module-federation container written by hand).
// Links in what the course shows (rendered markdown, outputs, widgets) are underlined, so that they are told
// from the text around them without relying on colour (WCAG 1.4.1; axe-core « link-in-text-block »):
// JupyterLab's theme shows them only in blue (#0d47a1), 1.86:1 against the text, and removes the underline with
// selectors of its own (« .jp-RenderedText pre a[href]:link »): hence « !important ».
var _JUPYTERLAB = (window._JUPYTERLAB = window._JUPYTERLAB || {});
_JUPYTERLAB["autograder-course"] = {
  init: function () {},
  get: function () {
    return Promise.resolve(function () {
      return {
        __esModule: true,
        default: {
          id: "autograder-course:link-underline",
          description: "Souligne les liens du contenu du cours.",
          autoStart: true,
          activate: function () {
            var style = document.createElement("style");
            style.id = "autograder-course-style";
            style.textContent =
              ".jp-RenderedHTMLCommon a:any-link, .jp-RenderedText a:any-link, " +
              ".jp-OutputArea-output a:any-link { text-decoration: underline !important; }";
            document.head.appendChild(style);
          }
        }
      };
    });
  }
};
