"""The learner's roadmap on their real page, back-planned from the date of the certification.

The jury watches a live demonstration on the candidate's **own** page (« mise en situation réelle »), so the
work on the real Facebook Page, Instagram professional account, Meta Business Suite and Ads Manager must start
early: Meta shows a page's audience by age, sex and place only once it reaches 100 people (Meta's developer
documentation, « Instagram Account Insights »: ``follower_demographics`` is not available under 100 followers;
the Facebook Page's audience likewise), and those figures are what C5.2 asks for.

:data:`TASKS` is the ideal plan over :data:`IDEAL_DAYS` (13 weeks) before the exam: each task has the number of
days before the exam at which it starts and is due. :func:`build_roadmap` places it on the calendar from the day
the plan is made (``planned_on``): a task marked ``from_start`` starts that day (create the page in week 1,
publish from the start); when the exam is closer than :data:`IDEAL_DAYS`, every offset is shrunk in proportion
and :attr:`Roadmap.warnings` says honestly what can still be done. A task's status on a day
(:meth:`Roadmap.status`) is one of :data:`STATUSES`.

The roadmap file (``feuille_de_route.json``, at the course root next to ``entreprise.json``)::

    {"schema_version": 1, "exam": "2027-03-15", "planned_on": "2026-12-07", "done": ["page", "profil"]}

holds only what the learner chose; the tasks are recomputed from it (:func:`roadmap_from_state`), so a plan
never shifts from one day to the next. :func:`to_ical` exports it as iCalendar (RFC 5545): one all-day event per
task from its start to its due date, and the exam itself, with stable UIDs so that a re-import updates events.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from autograder import referentiel
from autograder.dates import parse_date
from autograder.results import LearnerInputError
from autograder.storage import find_nearest

ROADMAP_FILE = "feuille_de_route.json"
ICS_FILE = "feuille_de_route.ics"
IDEAL_DAYS = 91  # 13 weeks: the 3-month plan of C3 and the time to pass 100 followers
MAX_DAYS = 730
FOLLOWERS_FOR_AUDIENCE = 100
AUDIENCE_SOURCE = ("Meta pour les développeurs, « Instagram Account Insights » (follower_demographics) : "
                   "https://developers.facebook.com/docs/instagram-platform/api-reference/instagram-user/insights ; "
                   "Centre d'aide Meta Business : https://www.facebook.com/business/help")
DONE, LATE, CURRENT, UPCOMING = "fait", "en retard", "en cours", "à venir"
STATUSES = (DONE, LATE, CURRENT, UPCOMING)
MENUS_NOTE = "Les intitulés des menus de Meta changent parfois : cherchez le mot le plus proche."


@dataclass(frozen=True)
class Task:
    """One thing to do on the real page: what, how (menu paths of the French interfaces), which criteria."""

    id: str
    title: str
    how: str
    criteria: tuple[str, ...]  # () for a task that serves every criterion
    start_before: int  # days before the exam it starts, in the ideal plan
    due_before: int  # days before the exam it is due, in the ideal plan
    from_start: bool = False  # starts the day the plan is made, whatever the exam date

    @property
    def competencies(self) -> tuple[str, ...]:
        if not self.criteria:
            return tuple(c.id for c in referentiel.COMPETENCIES)
        return tuple(dict.fromkeys(cid.split(".")[0] for cid in self.criteria))


TASKS: tuple[Task, ...] = (
    Task("page", "Créer la Page Facebook et le compte Instagram professionnel, et les relier dans Meta Business Suite",
         "Facebook : menu › Pages › Créer une Page. Instagram : Paramètres › Type de compte et outils › Passer à un "
         "compte professionnel. Meta Business Suite (business.facebook.com) : Paramètres › Comptes Instagram › "
         "Connecter. Gardez une capture de chaque étape.",
         ("C1.1", "C1.2"), IDEAL_DAYS, IDEAL_DAYS - 6, from_start=True),
    Task("profil", "Compléter la page : photo, couverture, description, coordonnées, horaires, bouton d'action",
         "Sur la Page : Modifier › Photo de profil, Photo de couverture, Informations (catégorie, adresse, horaires, "
         "site) ; Ajouter un bouton (Réserver, Envoyer un message…). Sur Instagram : Modifier le profil.",
         ("C1.2", "C2.3"), IDEAL_DAYS, IDEAL_DAYS - 13, from_start=True),
    Task("abonnes", f"Publier régulièrement (2 à 3 fois par semaine) pour dépasser {FOLLOWERS_FOR_AUDIENCE} abonnés",
         "Invitez vos contacts à aimer la Page (Page › Inviter des amis), affichez le compte en boutique et sur vos "
         f"cartes, publiez de façon régulière. À partir de {FOLLOWERS_FOR_AUDIENCE} abonnés, Meta affiche l'âge, le "
         f"sexe et la localisation de l'audience ({AUDIENCE_SOURCE}).",
         ("C3.1", "C4.4", "C5.2"), IDEAL_DAYS, 28, from_start=True),
    Task("visuels", "Créer des visuels adaptés et accessibles (texte alternatif, sous-titres, contrastes)",
         "Publiez des visuels aux bons formats (leçon 02) ; sur Instagram, Paramètres avancés › Écrire un texte "
         "alternatif ; sous-titrez vos vidéos. Notez la source et la licence de chaque image.",
         ("C2.1", "C2.2", "C2.3", "C2.4"), IDEAL_DAYS - 7, 42),
    Task("plan", "Construire le plan des 3 prochains mois et programmer les publications",
         "Plan de la leçon 03 exporté en iCalendar ; Meta Business Suite › Planificateur : programmez plusieurs "
         "publications (Créer une publication › Programmer).",
         ("C3.1", "C3.2", "C3.3", "C5.1"), 63, 42),
    Task("communaute", "Répondre aux messages et aux commentaires, échanger avec des partenaires locaux",
         "Meta Business Suite › Boîte de réception : répondez vite (réponses enregistrées) ; aimez et partagez les "
         "publications de vos partenaires, repartagez les stories qui mentionnent la page, partagez une "
         "publication en tant que Page dans un groupe qui l'accepte.",
         ("C5.4", "C6.1", "C6.2"), IDEAL_DAYS - 7, 7, from_start=True),
    Task("audience", "Lire l'audience (âge, sexe, localisation) et calculer le taux d'engagement",
         "Meta Business Suite › Statistiques › Audience ; Statistiques › Contenu › Exporter les données (CSV), à "
         "charger dans le registre de preuves.",
         ("C5.2", "C5.3"), 28, 21),
    Task("campagne", "Préparer la campagne sponsorisée (brouillon ou petit budget)",
         "Gestionnaire de publicités (adsmanager.facebook.com) › Créer : objectif, audience, budget, format ; "
         "gardez-la en brouillon ou lancez-la avec un petit budget, puis exportez les résultats (Exporter le "
         "tableau).",
         ("C7.1", "C7.2", "C7.3", "C7.4"), 35, 14),
    Task("brouillon", "Préparer une publication dans le brouillon du réseau social",
         "Meta Business Suite › Créer une publication : visuel, texte, hashtags, puis Enregistrer comme brouillon. "
         "Le jour de l'examen, vous la montrez et la terminez devant le jury.",
         ("C4.1", "C4.2", "C4.3"), 14, 7),
    Task("preuves", "Rassembler les preuves de chaque critère (captures, liens, chiffres)",
         "Registre de preuves de la leçon 00 : une capture (avec son texte alternatif), un lien ou un chiffre lu "
         "pour chacun des 24 critères.",
         (), IDEAL_DAYS, 7, from_start=True),
    Task("repetition", "Répéter la présentation de 30 minutes, chronométrée, au moins trois fois",
         "Leçon 08 : le plan minuté de la présentation ; répétez en direct sur votre vraie page, devant une "
         "personne qui joue le jury.",
         ("C1.3",), 14, 2),
    Task("veille", "La veille : vérifier les accès, la batterie, la connexion et le plan B",
         "Connectez-vous à Facebook, Instagram, Meta Business Suite et au Gestionnaire de publicités sur l'appareil "
         "de l'examen (double authentification prête) ; gardez une capture de chaque étape en cas de coupure.",
         ("C1.3",), 1, 1),
)
TASK_IDS = tuple(t.id for t in TASKS)
TASKS_BY_ID = {t.id: t for t in TASKS}


@dataclass(frozen=True)
class Step:
    """A task placed on the calendar."""

    task: Task
    start: dt.date
    due: dt.date

    @property
    def id(self) -> str:
        return self.task.id


@dataclass
class Roadmap:
    """The steps from ``planned_on`` to ``exam``, the tasks already done, and honest French warnings."""

    exam: dt.date
    planned_on: dt.date
    steps: list[Step]
    done: set[str] = field(default_factory=set)
    warnings: list[str] = field(default_factory=list)

    @property
    def days(self) -> int:
        """Days from the day the plan was made to the exam."""
        return (self.exam - self.planned_on).days

    def days_left(self, today: dt.date) -> int:
        return (self.exam - today).days

    def status(self, step: Step, today: dt.date) -> str:
        if step.id in self.done:
            return DONE
        if step.due < today:
            return LATE
        return CURRENT if step.start <= today else UPCOMING

    def late(self, today: dt.date) -> list[Step]:
        return [s for s in self.steps if self.status(s, today) == LATE]

    def current(self, today: dt.date) -> list[Step]:
        return [s for s in self.steps if self.status(s, today) == CURRENT]

    def upcoming(self, today: dt.date) -> list[Step]:
        return [s for s in self.steps if self.status(s, today) == UPCOMING]

    def for_competency(self, competency: str) -> list[Step]:
        return [s for s in self.steps if competency in s.task.competencies]

    def to_state(self) -> dict:
        return {"exam": self.exam.isoformat(), "planned_on": self.planned_on.isoformat(),
                "done": [t for t in TASK_IDS if t in self.done]}


def _warnings(days: int) -> list[str]:
    """What to say honestly about the time left (``days`` from the plan to the exam)."""
    if days < 7:
        return [f"Votre certification est dans {days} jour{'s' if days > 1 else ''} : c'est trop court pour créer une "
                f"page et dépasser {FOLLOWERS_FOR_AUDIENCE} abonnés. Ce qui reste possible : créer la page et la "
                "compléter (C1), publier deux ou trois fois, préparer une publication en brouillon (C4) et la "
                "campagne en brouillon dans le Gestionnaire de publicités (C7 : le jury regarde le paramétrage, "
                "pas les résultats), rassembler des captures, répéter au moins deux fois. Sans "
                f"{FOLLOWERS_FOR_AUDIENCE} abonnés, Meta n'affiche pas l'âge, le sexe ni la localisation : montrez "
                "l'analyse sur les données du cours (leçon 05) et dites-le au jury. Si vous le pouvez, demandez "
                "une date d'examen plus tardive à votre organisme de formation."]
    found = []
    if days < 42:
        found.append(f"Votre certification est dans {days} jours : dépasser {FOLLOWERS_FOR_AUDIENCE} abonnés "
                     "d'ici là est incertain. Publiez dès cette semaine et invitez vos contacts ; si la page n'a pas "
                     f"{FOLLOWERS_FOR_AUDIENCE} abonnés à l'examen, Meta n'affiche pas l'âge, le sexe ni la "
                     "localisation : montrez l'analyse sur les données du cours (leçon 05) et expliquez la règle "
                     "au jury.")
    if days < IDEAL_DAYS:
        found.append(f"Moins de 13 semaines avant l'examen : le plan idéal ({IDEAL_DAYS} jours) a été resserré sur "
                     f"{days} jours. Faites d'abord ce qui est en retard.")
    elif days > 365:
        found.append("L'examen est dans plus d'un an : créez tout de même la page maintenant, les abonnés mettent "
                     "du temps à venir ; les autres étapes ont lieu dans les 13 semaines avant l'examen.")
    return found


def check_exam_date(exam, today: dt.date) -> dt.date:
    """The exam date as a ``date``; a French :class:`LearnerInputError` when it is not after ``today`` or is
    more than two years away."""
    exam = parse_date(exam, "Date de la certification")
    if exam <= today:
        raise LearnerInputError(f"Date de la certification : le {exam:%d/%m/%Y} n'est pas après aujourd'hui "
                                f"({today:%d/%m/%Y}) ; choisissez la date à venir de votre passage devant le jury.")
    if (exam - today).days > MAX_DAYS:
        raise LearnerInputError(f"Date de la certification : le {exam:%d/%m/%Y} est dans plus de deux ans ; "
                                "vérifiez l'année.")
    return exam


def build_roadmap(exam, planned_on: dt.date, done=()) -> Roadmap:
    """The steps from ``planned_on`` to ``exam`` (see the module docstring); ``done``: ids of tasks done."""
    planned_on = parse_date(planned_on, "Date du plan")
    exam = check_exam_date(exam, planned_on)
    days = (exam - planned_on).days
    scale = min(1.0, days / IDEAL_DAYS)
    last = exam - dt.timedelta(days=1)

    def place(before: int) -> dt.date:
        shrunk = max(1, round(before * scale))
        return min(max(planned_on, exam - dt.timedelta(days=shrunk)), last)

    steps = []
    for task in TASKS:
        start = planned_on if task.from_start else place(task.start_before)
        due = max(start, place(task.due_before))
        if task.from_start and days > IDEAL_DAYS and task.due_before > IDEAL_DAYS - 14:
            due = planned_on + dt.timedelta(days=IDEAL_DAYS - task.due_before)  # week 1 stays week 1
        steps.append(Step(task, start, due))
    steps.sort(key=lambda s: (s.due, s.start, TASK_IDS.index(s.id)))
    return Roadmap(exam, planned_on, steps, {d for d in done if d in TASKS_BY_ID}, _warnings(days))


def roadmap_from_state(state: dict) -> Roadmap:
    """The roadmap a file describes (``exam``, ``planned_on``, ``done``); a French ``ValueError`` otherwise.

    Task ids the course no longer has are ignored (a file written by an older version stays readable)."""
    if not isinstance(state, dict) or not state.get("exam") or not state.get("planned_on"):
        raise LearnerInputError("Feuille de route incomplète : la date de la certification et la date du plan "
                                "étaient attendues.")
    done = state.get("done", [])
    if not isinstance(done, list):
        raise LearnerInputError("Feuille de route : « done » doit être une liste d'étapes.")
    planned_on = parse_date(state["planned_on"], "Date du plan")
    exam = parse_date(state["exam"], "Date de la certification")
    if exam <= planned_on:
        raise LearnerInputError("Feuille de route : la date de la certification précède la date du plan.")
    return build_roadmap(exam, planned_on, [str(d) for d in done])


def find_roadmap(start: str | Path | None = None, levels: int = 2) -> Path | None:
    """The nearest roadmap file in ``start`` (default: the current folder) or up to ``levels`` parents: lessons in
    ``course/`` find the one lesson 00 saved at the course root."""
    return find_nearest(ROADMAP_FILE, start, levels)


def criteria_text(task: Task) -> str:
    """« critères C5.2, C5.3 », « critère C1.3 » or « les 24 critères »."""
    if not task.criteria:
        return f"les {len(referentiel.CRITERIA)} critères"
    return f"critère{'s' if len(task.criteria) > 1 else ''} {', '.join(task.criteria)}"


def to_ical(roadmap: Roadmap, stamp: dt.datetime | None = None) -> bytes:
    """The roadmap as an iCalendar file (RFC 5545): one all-day event per task (start to due date, end
    exclusive) and one for the exam; UIDs stable for a given exam date (a re-import updates the events)."""
    from icalendar import Calendar, Event

    cal = Calendar()
    cal.add("prodid", "-//autograder//Feuille de route//FR")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", "Feuille de route de la certification")
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    events = [(f"{s.id}-{roadmap.exam:%Y%m%d}", s.start, s.due, s.task.title,
               f"{s.task.how}\nPour {criteria_text(s.task)}.\n{MENUS_NOTE}") for s in roadmap.steps]
    events.append((f"examen-{roadmap.exam:%Y%m%d}", roadmap.exam, roadmap.exam,
                   "Certification : présentation au jury (30 minutes)",
                   "Mise en situation réelle : la page, les visuels, le planning des 3 mois, une publication, un "
                   "échange avec la communauté, une campagne sponsorisée et Meta Business Suite, en direct."))
    for uid, start, due, title, text in events:
        ev = Event()
        ev.add("uid", f"{uid}@feuille-de-route")
        ev.add("dtstamp", stamp)
        ev.add("dtstart", start)
        ev.add("dtend", due + dt.timedelta(days=1))
        ev.add("summary", title)
        ev.add("description", text)
        ev.add("transp", "TRANSPARENT")
        cal.add_component(ev)
    return cal.to_ical()
