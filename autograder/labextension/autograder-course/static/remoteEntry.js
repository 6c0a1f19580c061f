// The course's JupyterLab extension, with no build step (a module-federation container written by hand): the one
// place for the course's front-end adjustments in JupyterLab. Two plugins: the course's CSS (one style element added
// when JupyterLab starts), and one observer of the page that puts nbgrader's learner-facing words in French and makes
// each radio group a group for the keyboard.
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
// - nbgrader's JupyterLab extension (0.9) writes its words in English with no translator (the Assignments panel,
//   its buttons and messages, the notebook toolbar's « Validate », the validation dialog, its menu items): the
//   observer replaces each known English text (a text node's whole text, or a title / aria-label) by its French, in
//   nbgrader's own elements only (SCOPE), never in what the learner wrote (SKIP: the cell sources and errors the
//   dialog quotes). nbgrader's code writes these texts and never reads them back (checked in its 0.9.6 bundle), so
//   its buttons and lists work the same. The panel's and the course list's tab titles are set through JupyterLab's
//   own title (the browser tab's title follows). The results themselves are French already (the server extension
//   autograder.trainer.validation_fr).
// - Radio groups (ipywidgets' RadioButtons) give their inputs no name, so the browser does not treat the options
//   as one group: the arrow keys do not move between them (the WAI-ARIA radio group pattern). The observer gives
//   each group a name of its own; arrow keys then check the next option, and the browser fires the click that
//   ipywidgets listens to, so the widget's value (and the answer file) follows. JupyterLab takes the arrow keys
//   for moving between cells when the focus is on a control that is not a text field: an arrow key on a radio of a
//   widget stops at the page's body, so that only the radio group uses it.
var _JUPYTERLAB = (window._JUPYTERLAB = window._JUPYTERLAB || {});
(function () {
  var NBSP = "\u00a0", NNBSP = "\u202f";  // before « : » and inside « » ; before « ; ! ? »
  // nbgrader's English (its 0.9.6 bundle, static/161.*.js) -> the French a learner reads; one typographic policy.
  var TEXTS = {
    // the Assignments panel (tab « Devoirs »)
    "Released, downloaded, and submitted assignments for course:": "Devoirs diffusés, récupérés et rendus du cours" + NBSP + ":",
    "Loading, please wait...": "Chargement en cours, veuillez patienter…",
    "Toggle Dropdown": "Choisir le cours",
    "Refresh assignments list": "Actualiser la liste des devoirs",
    "Released assignments": "Devoirs diffusés",
    "There are no assignments to fetch.": "Aucun devoir à récupérer pour le moment.",
    "Downloaded assignments": "Devoirs récupérés",
    "There are no downloaded assignments.": "Aucun devoir récupéré pour le moment.",
    "Submitted assignments": "Devoirs rendus",
    "There are no submitted assignments.": "Aucun devoir rendu pour le moment.",
    "Fetch": "Récupérer",
    "Fetching...": "Récupération…",
    "Submit": "Rendre",
    "submitting...": "Envoi en cours…",
    "Fetch Feedback": "Récupérer les retours",
    "Fetching Feedback...": "Récupération des retours…",
    "(view feedback)": "(voir les retours)",
    "(feedback available to fetch)": "(retours à récupérer)",
    "Validate": "Valider",
    "Validating...": "Validation en cours…",
    "Error fetching assignment.": "Le devoir n'a pas pu être récupéré.",
    "Error submitting assignment.": "Le devoir n'a pas pu être rendu.",
    "Error fetching feedback.": "Les retours n'ont pas pu être récupérés.",
    "Error validating assignment.": "La validation n'a pas pu aboutir.",
    "Error fetching courses!": "La liste des cours n'a pas pu être chargée.",
    "No courses found.": "Aucun cours trouvé.",
    // the course list (tab « Cours »)
    "Available formgraders": "Outils de correction (formgrader) disponibles",
    "Refresh formgrader list": "Actualiser la liste des outils de correction",
    "There are no available formgrader services.": "Aucun outil de correction (formgrader) n'est disponible.",
    // the notebook toolbar's button and its dialogs
    "Validate Assignment": "Valider le devoir",
    "Saving...": "Enregistrement…",
    "Validation Results": "Résultat de la validation",
    "Success! Your notebook passes all the tests.": "Bravo" + NNBSP + "! Votre notebook passe toutes les vérifications.",
    "The following cell failed:": "À revoir" + NBSP + ":",
    "The following cell passed:": "Réussi" + NBSP + ":",
    "The source of the following cell has changed, but it should not have!":
      "Cette cellule a été modifiée alors qu'elle ne devait pas l'être" + NBSP + ":",
    "There was an error running the validate command:": "La validation n'a pas pu s'exécuter" + NBSP + ":",
    "Validation failed": "Échec de la validation",
    "Cannot save notebook": "Le notebook n'a pas pu être enregistré.",
    "Version Mismatch": "Versions de nbgrader différentes",
    "Invalid Submission": "Devoir non rendu",
    "Assignment not submitted:": "Le devoir n'a pas été rendu" + NBSP + ":",
    // the « Nbgrader » menu and the command palette (the menu's own name, a tool's name, is kept)
    "Assignment List": "Liste des devoirs",
    "Course List": "Liste des cours"
  };
  var PATTERNS = [  // texts nbgrader builds around a value
    [/^Cannot validate: ([\s\S]*)$/, function (m) { return "Impossible de valider" + NBSP + ": " + m[1]; }],
    [/^Cannot check version: ([\s\S]*)$/, function (m) { return "Impossible de vérifier la version de nbgrader" + NBSP + ": " + m[1]; }],
    [/^The following (\S+) cell has changed to a (\S+) cell, but it should not have!$/, function (m) {
      return "Cette cellule est passée du type " + m[1] + " au type " + m[2] + " alors qu'elle ne devait pas changer" + NBSP + ":";
    }]
  ];
  var TITLES = {"nbgrader-assignment-list": ["Assignments", "Devoirs"], "nbgrader-course-list": ["Courses", "Cours"]};
  // nbgrader's own elements: its two panels, the toolbar button, its dialogs, its menu, its palette items
  var SCOPE = "#nbgrader-assignment-list, #nbgrader-course-list, .validate-button, .nbgrader-SuccessDialog, " +
              ".nbgrader-ErrorDialog, #jp-mainmenu-nbgrader, .lm-CommandPalette-item[data-command^='nbgrader:']";
  var SKIP = "pre, code, .jp-RenderedText";  // what the dialog quotes of the learner's notebook
  var ATTRIBUTES = ["title", "aria-label"];
  var RADIO_BOX = ".widget-radio-box";
  var groups = 0;

  function french(text) {
    var core = text.trim();
    if (!core) return null;
    if (Object.prototype.hasOwnProperty.call(TEXTS, core)) {
      var at = text.indexOf(core);
      return text.slice(0, at) + TEXTS[core] + text.slice(at + core.length);
    }
    for (var i = 0; i < PATTERNS.length; i++) {
      var m = PATTERNS[i][0].exec(core);
      if (m) return PATTERNS[i][1](m);
    }
    return null;
  }

  function translateText(node) {
    var parent = node.parentElement;
    if (!parent || parent.closest(SKIP)) return;
    var fr = french(node.data);
    if (fr !== null && fr !== node.data) node.data = fr;
  }

  function translateAttributes(el) {
    for (var i = 0; i < ATTRIBUTES.length; i++) {
      var value = el.getAttribute(ATTRIBUTES[i]);
      var fr = value ? french(value) : null;
      if (fr !== null && fr !== value) el.setAttribute(ATTRIBUTES[i], fr);
    }
  }

  function translateTree(root) {  // an element inside SCOPE, with everything in it
    translateAttributes(root);
    root.querySelectorAll("[title], [aria-label]").forEach(translateAttributes);
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (var node = walker.nextNode(); node; node = walker.nextNode()) translateText(node);
  }

  function nameRadios(box) {  // one name per group, on the inputs that have none (ipywidgets gives none)
    if (!box.dataset.autogroupName) box.dataset.autogroupName = "autograder-radio-" + (++groups);
    box.querySelectorAll("input[type='radio']").forEach(function (input) {
      if (!input.name) input.name = box.dataset.autogroupName;
    });
  }

  function fixTitles(app) {
    if (!app || !app.shell || typeof app.shell.widgets !== "function") return;
    ["main", "left", "right"].forEach(function (area) {
      var found;
      try { found = Array.from(app.shell.widgets(area)); } catch (e) { return; }
      found.forEach(function (widget) {
        var title = TITLES[widget.id];
        if (title && widget.title.label === title[0]) widget.title.label = title[1];
      });
    });
  }

  function added(node, app) {
    if (node.nodeType === Node.TEXT_NODE) {
      if (node.parentElement && node.parentElement.closest(SCOPE)) translateText(node);
      if (node.parentElement && node.parentElement.closest(RADIO_BOX)) nameRadios(node.parentElement.closest(RADIO_BOX));
      return;
    }
    if (node.nodeType !== Node.ELEMENT_NODE) return;
    if (node.closest(SCOPE)) translateTree(node);
    else node.querySelectorAll(SCOPE).forEach(translateTree);
    var box = node.closest(RADIO_BOX);
    if (box) nameRadios(box);
    else node.querySelectorAll(RADIO_BOX).forEach(nameRadios);
    if (node.querySelector("#nbgrader-assignment-list, #nbgrader-course-list") || TITLES[node.id]) fixTitles(app);
  }

  function observe(app) {
    var observer = new MutationObserver(function (records) {
      records.forEach(function (record) {
        if (record.type === "childList") {
          record.addedNodes.forEach(function (node) { added(node, app); });
        } else if (record.type === "characterData") {
          var parent = record.target.parentElement;
          if (parent && parent.closest(SCOPE)) translateText(record.target);
        } else if (record.type === "attributes" && record.target.closest(SCOPE)) {
          translateAttributes(record.target);
        }
      });
    });
    observer.observe(document.body, {childList: true, subtree: true, characterData: true, attributes: true,
                                     attributeFilter: ATTRIBUTES});
    document.querySelectorAll(SCOPE).forEach(translateTree);
    document.querySelectorAll(RADIO_BOX).forEach(nameRadios);
    fixTitles(app);
    if (app && app.restored) app.restored.then(function () { fixTitles(app); });
    // the arrow keys of a radio group are the group's: JupyterLab's shortcuts (document, bubbling) do not see them
    document.body.addEventListener("keydown", function (event) {
      var target = event.target;
      if (/^Arrow(Up|Down|Left|Right)$/.test(event.key) && !event.altKey && !event.ctrlKey && !event.metaKey &&
          target instanceof HTMLInputElement && target.type === "radio" && target.name &&
          target.closest(RADIO_BOX)) {
        event.stopPropagation();
      }
    });
  }

  var STYLE = {
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
  };
  var PAGE = {
    id: "autograder-course:page",
    description: "nbgrader en français pour l'apprenant ; groupes de boutons radio parcourus avec les flèches.",
    autoStart: true,
    activate: function (app) { observe(app); }
  };

  _JUPYTERLAB["autograder-course"] = {
    init: function () {},
    get: function () {
      return Promise.resolve(function () {
        return {__esModule: true, default: [STYLE, PAGE]};
      });
    }
  };
})();
