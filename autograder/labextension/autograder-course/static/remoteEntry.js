// The course's JupyterLab extension, with no build step (a module-federation container written by hand): the one
// place for the course's CSS in JupyterLab, one style element added when JupyterLab starts.
// - Links in what the course shows (rendered markdown, outputs, widgets) are underlined, so that they are told
//   from the text around them without relying on colour (WCAG 1.4.1; axe-core « link-in-text-block »):
//   JupyterLab's theme shows them only in blue (#0d47a1), 1.86:1 against the text, and removes the underline with
//   selectors of its own (« .jp-RenderedText pre a[href]:link »): hence « !important ».
// - Radio buttons (ipywidgets' RadioButtons: the course's answer widgets and choice groups): ipywidgets gives each
//   option's label a fixed height (20 px), so a label that wraps spills over the next option, which covers it (a
//   click on the first line of a long option chose the next one). Here a label grows with its text, the button
//   stays at the start of its first line, the wrapped lines stay beside the button, and options side by side go to
//   the next line when they lack room. The selectors are more specific than ipywidgets' own, whose style sheet
//   may load after this one.
var _JUPYTERLAB = (window._JUPYTERLAB = window._JUPYTERLAB || {});
_JUPYTERLAB["autograder-course"] = {
  init: function () {},
  get: function () {
    return Promise.resolve(function () {
      return {
        __esModule: true,
        default: {
          id: "autograder-course:link-underline",
          description: "Styles du cours : liens soulignés, options des boutons radio lisibles et cliquables.",
          autoStart: true,
          activate: function () {
            var style = document.createElement("style");
            style.id = "autograder-course-style";
            style.textContent =
              ".jp-RenderedHTMLCommon a:any-link, .jp-RenderedText a:any-link, " +
              ".jp-OutputArea-output a:any-link { text-decoration: underline !important; }\n" +
              ".widget-radio .widget-radio-box > label { display: flex; align-items: flex-start; height: auto; " +
              "min-height: var(--jp-widgets-radio-item-height); white-space: normal; overflow-wrap: anywhere; }\n" +
              ".widget-radio .widget-radio-box > label > input[type='radio'] { order: -1; flex: none; float: none; }\n" +
              ".widget-radio .widget-radio-box-horizontal { flex-wrap: wrap; }";
            document.head.appendChild(style);
          }
        }
      };
    });
  }
};
