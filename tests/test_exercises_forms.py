"""The practice forms of exercises 01 to 07 and 09 can be solved: each question's check gives full marks to a right
answer and not to a wrong one, and « Voir une solution » appears after a first attempt.

The notebook's cells run in this process (the forms are plain objects), in a temporary folder, so that the
answers and the widgets' files are written there; the widgets are driven through their models.
"""

from __future__ import annotations

import datetime as dt

import nbformat

from course_support import REPO, run_code_cells


def run_notebook(name: str, folder, monkeypatch) -> tuple[dict, dict]:
    """Run every code cell of ``exercises/<name>``; the namespace and the Question forms by question id."""
    monkeypatch.chdir(folder)
    namespace: dict = {}
    shown = run_code_cells(nbformat.read(str(REPO / "exercises" / name), as_version=4).cells, namespace, name)
    questions = {value.answer.qid: value for value in shown.values() if type(value).__name__ == "Question"}
    return namespace, questions


def score(question, value) -> tuple[float, float]:
    question.answer.store.set(question.answer.qid, value)
    if not hasattr(question.answer._status, "kind"):  # StatusLine has no `kind` before its first message
        question.answer._status.clear()
    results = question.verify()
    assert results, question._status.message
    assert question.solution_available
    return sum(r.points for r in results), sum(r.possible for r in results)


def assert_solved(questions, wrong, right, before_right=None):
    assert set(questions) == set(wrong) == set(right)
    for qid, question in questions.items():
        earned, possible = score(question, wrong[qid])
        assert earned < possible, qid
    if before_right:
        before_right()
    for qid, question in questions.items():
        earned, possible = score(question, right[qid])
        assert earned == possible, (qid, [f.text for r in question.results for f in r.findings])


ALT = "Une galette des rois dorée sur le comptoir de la Fournée, avec le bandeau : La galette est de retour."
CAPTION = ("Les galettes des rois sont de retour à la Croix-Rousse ! Frangipane ou pomme-caramel, à partager en "
           "famille. Réservez la vôtre en boutique ou en click & collect. 👑")


def test_exercises_01(tmp_path, monkeypatch):
    ns, qs = run_notebook("01_choisir_ses_reseaux.ipynb", tmp_path, monkeypatch)
    wrong = {
        "q1_verdier": ["tiktok", "snapchat"], "q2_fournee": ["linkedin"], "q3_part_facebook": 94.0,
        "q4_classement": ["snapchat", "linkedin", "instagram", "facebook"], "q5_nom_utilisateur": "@La Fournée de Léa",
        "q6_biographie": "Le meilleur endroit du monde pour se faire plaisir tous les jours",
        "q7_photo_profil": 1080, "q8_indicateurs": ["portée"], "q9_messages": "Dans le planificateur",
        "q10_resultats": "Dans la boîte de réception", "q11_gestes": ns["GESTES"][:2],
        "q12_objectif_smart": "flou", "q13_brouillon": "statistiques",
    }
    right = {
        "q1_verdier": ["linkedin"], "q2_fournee": ["facebook", "instagram"], "q3_part_facebook": 72.3,
        "q4_classement": ns["ordre_du_cours"], "q5_nom_utilisateur": "@lafourneedelea",
        "q6_biographie": "Boulangerie-pâtisserie artisanale à Lyon 4e : pains au levain et viennoiseries maison.",
        "q7_photo_profil": 320, "q8_indicateurs": ["portée", "taux d'engagement", "clics sur le bouton d'action"],
        "q9_messages": "Dans la boîte de réception", "q10_resultats": "Dans les statistiques (Insights)",
        "q11_gestes": ns["GESTES"], "q12_objectif_smart": "smart", "q13_brouillon": "brouillons",
    }
    assert ns["ordre_du_cours"] == ["facebook", "instagram", "linkedin", "snapchat"]
    assert_solved(qs, wrong, right)


def test_exercises_02(tmp_path, monkeypatch):
    ns, qs = run_notebook("02_visuels_inclusifs.ipynb", tmp_path, monkeypatch)
    wrong = {
        "q1_taille_story": "1080x1080", "q2_part_texte": 30.0, "q3_story": ns["FAIT_STUDIO"], "q4_serie": "C",
        "q5_argument": "C'est joli et ça plaît beaucoup aux gens du quartier, je pense vraiment que c'est bien.",
        "q6_licence": "Google Images", "q7_corrections": ["licence", "bandeau", "logo", "titre"],
        "q8_couleur_texte": ns["CHARTE"]["accent"], "q9_texte_alternatif": "photo.jpg",
        "q10_defauts_srt": ["point", "numeros"], "q11_audiodescription": "[00:00:00] Léa verse",
        "q12_droit_image": "licence",
    }
    right = {
        "q1_taille_story": "1080x1920", "q2_part_texte": 20.0, "q3_story": ns["FAIT_STUDIO"], "q4_serie": "B",
        "q5_argument": qs["q5_argument"]._solution_text.strip("«» \u00a0\u202f"), "q6_licence": "Pexels",
        "q7_corrections": ["licence", "bandeau", "logo"], "q8_couleur_texte": ns["CHARTE"]["fond"],
        "q9_texte_alternatif": qs["q9_texte_alternatif"]._solution_text.strip("«» \u00a0\u202f"),
        "q10_defauts_srt": ["point", "chevauchement", "vitesse"],
        "q11_audiodescription": qs["q11_audiodescription"]._solution_text, "q12_droit_image": "parents",
    }

    def compose():
        studio = ns["studio"].model
        studio.set("placement", "story")
        studio.set("headline", "Chocolat chaud du samedi")
        studio.set("body", "De 15 h à 18 h, avec une viennoiserie")

    assert_solved(qs, wrong, right, compose)


def test_exercises_03(tmp_path, monkeypatch):
    ns, qs = run_notebook("03_plan_social_media.ipynb", tmp_path, monkeypatch)
    majors = ns["majeures"]
    wrong = {
        "q1_regularite": "vendredis", "q2_silence": 7, "q3_plan_mai": ns["FAIT_PLAN"],
        "q4_dates_cles": [*majors, "Ascension"], "q5_fete_des_meres": "2028-05-27T18:30:00+02:00",
        "q6_themes": ["produit", "offre"], "q7_part_theme": 50.0, "q8_ligne": ns["FAIT_LIGNE"],
    }
    right = {
        "q1_regularite": "mai", "q2_silence": 10, "q3_plan_mai": ns["FAIT_PLAN"], "q4_dates_cles": majors,
        "q5_fete_des_meres": "2028-05-20T18:30:00+02:00",
        "q6_themes": ["produit", "offre", "nouveauté", "actualité", "coulisses", "contenu utilisateur"],
        "q7_part_theme": 40.0, "q8_ligne": ns["FAIT_LIGNE"],
    }

    def build():
        plan = ns["planificateur"].model
        for day in (2, 9, 16, 23, 30):
            plan.add_post({"date": dt.date(2028, 5, day), "time": "18:30", "network": "instagram",
                           "format": "publication", "theme": "coulisses", "pillar": "Savoir-faire",
                           "caption": "Les coulisses du fournil en mai"})
        ns["ligne"]._model.set_editorial_line(dict(ns["LIGNE"]))

    assert_solved(qs, wrong, right, build)


def test_exercises_04(tmp_path, monkeypatch):
    ns, qs = run_notebook("04_publications.ipynb", tmp_path, monkeypatch)
    wrong = {
        "q1_fichier_story": "galette_carree.png", "q2_texte_alternatif": "Image de gâteau",
        "q3_texte_cible": "copains", "q4_texte": ns["TEXTES"]["copains"],
        "q5_hashtags": ["GaletteDesRois", "instagood", "galettefrangipane"], "q6_argument": "volume",
        "q7_formats": ["publication"], "q8_format_video": "story", "q9_publication": ns["FAIT_COMPOSITEUR"],
        "q10_appel_action": "taguez", "q11_role_hashtags": "portee",
    }
    right = {
        "q1_fichier_story": "galette_verticale.png", "q2_texte_alternatif": ALT, "q3_texte_cible": "familles",
        "q4_texte": CAPTION,
        "q5_hashtags": ["LaFourneeDeLea", "GaletteDesRois", "LyonCroixRousse", "BoulangerieArtisanale"],
        "q6_argument": "local", "q7_formats": ["publication", "carrousel", "story", "reel"],
        "q8_format_video": "reel", "q9_publication": ns["FAIT_COMPOSITEUR"],
        "q10_appel_action": "reservez", "q11_role_hashtags": "recherche",
    }

    def compose():
        ns["compositeur"].model.set_fields(
            caption=CAPTION, visual="galette_carree.png", alt_text=ALT,
            hashtags=[{"tag": "LaFourneeDeLea", "role": "marque"}, {"tag": "GaletteDesRois", "role": "niche"},
                      {"tag": "LyonCroixRousse", "role": "locale"}])

    assert_solved(qs, wrong, right, compose)


def test_exercises_05(tmp_path, monkeypatch):
    ns, qs = run_notebook("05_meta_business_suite.ipynb", tmp_path, monkeypatch)
    rates = ns["insights"].engagement_rates(ns["extrait"])
    wrong = {
        "q1_creneau_e1": "2026-10-26T03:00:00+01:00", "q2_heure_utc": "18 h les deux jours",
        "q3_controles": ns["CONTROLES"], "q4_tranche": "65+", "q5_ville": "Paris",
        "q6_parts": {k: v + 3 for k, v in ns["PARTS"].items()},
        "q7_comparaison": "Les abonnés sont nombreux et fidèles, ils aiment beaucoup nos pains et nos gâteaux, "
                          "c'est très bien pour la page.",
        "q8_taux": {line: 0.05 for line in ns["LIGNES"]}, "q9_taux_moyen": 50.0, "q10_base": "portee",
        "q11_badge": "obtenu" if ns["BADGE_JUSTE"] != "obtenu" else "temps",
        "q12_changer": ["commentaires", "supprimer"],
        "q13_reponse_enregistree": "Oui on est ouvert tu peux passer quand tu veux, bonne journée à toi et à bientôt",
    }
    right = {
        "q1_creneau_e1": f"2026-10-26T{max(ns['heures_actives']['Instagram'][0]):02d}:00:00+01:00",
        "q2_heure_utc": "16 h puis 17 h UTC", "q3_controles": ns["CONTROLES"], "q4_tranche": ns["TRANCHE"],
        "q5_ville": ns["VILLE"], "q6_parts": {k: round(v, 1) for k, v in ns["PARTS"].items()},
        "q7_comparaison": qs["q7_comparaison"]._solution_text,
        "q8_taux": {line: round(float(rates[pid]), 2) for line, pid in ns["LIGNES"].items()},
        "q9_taux_moyen": round(float(rates.mean()), 2), "q10_base": "abonnes", "q11_badge": ns["BADGE_JUSTE"],
        "q12_changer": ns["A_FAIRE"], "q13_reponse_enregistree": qs["q13_reponse_enregistree"]._solution_text.strip("«» \u00a0\u202f"),
    }

    def plan():
        planner = ns["planificateur"]._model
        for post, when in (("E1", "2026-10-26 19:00"), ("E2", "2026-10-23 18:00"), ("E3", "2026-10-27 12:00")):
            planner.schedule(post, when)

    assert_solved(qs, wrong, right, plan)


def test_exercises_06(tmp_path, monkeypatch):
    ns, qs = run_notebook("06_moderation_e_reputation.ipynb", tmp_path, monkeypatch)
    wrong = {"q1_reclamation": ["delete"], "q2_fausse_information": ["hide"], "q3_provocation": ["reply"],
             "q4_reponse": "Ok on a compris, pas la peine de crier comme ça sur notre page, merci.",
             "q5_file": ns["FAIT"], "q6_echanges": ns["ECHANGES"], "q7_plan": ns["PREVU"], "q8_groupe": "quinze",
             "q9_ligne_rouge": ["partenaire", "pod", "appat"]}
    right = {"q1_reclamation": ["reply", "to_private"], "q2_fausse_information": ["reply"], "q3_provocation": ["hide"],
             "q4_reponse": qs["q4_reponse"]._solution_text.strip("«» \u00a0\u202f"), "q5_file": ns["FAIT"],
             "q6_echanges": ns["ECHANGES"], "q7_plan": ns["PREVU"], "q8_groupe": "reglement",
             "q9_ligne_rouge": ["partenaire", "story_cliente"]}

    def work():
        inbox, plan = ns["boite"].model, ns["plan_animation"].model
        reply = "Bonjour {}, merci pour votre message ! {} L'équipe de La Fournée de Léa"
        inbox.act("x01", "reply", reply.format("Sophie", "Oui, dimanche nous sommes ouverts jusqu'à 13 h."))
        inbox.act("x02", "reply", right["q4_reponse"])
        inbox.act("x02", "to_private")
        inbox.act("x03", "delete")
        inbox.act("x04", "hide")
        inbox.act("x05", "reply", reply.format("Hélène", "Nous restons ouverts en janvier, aux horaires habituels."))
        inbox.act("x06", "like")
        inbox.act("x06", "reply", reply.format("Nina", "Pouvons-nous repartager votre photo ?"))
        inbox.act("x06", "share")
        inbox.act("x07", "like")
        inbox.act("x08", "reply", reply.format("Claire", "Votre commande de 12 tartelettes pour mardi est notée."))
        for week, action, target, detail in ((1, "answer", 20, ""), (1, "story", 3, ""), (2, "answer", 20, ""),
                                             (2, "poll", 1, "bûche"), (3, "answer", 20, ""),
                                             (3, "group_post", 1, "Croix-Rousse Entraide"), (4, "answer", 20, ""),
                                             (4, "ugc_repost", 2, "")):
            plan.add(week, action, target, detail)

    assert_solved(qs, wrong, right, work)


def test_exercises_07(tmp_path, monkeypatch):
    ns, qs = run_notebook("07_campagne_sponsorisee.ipynb", tmp_path, monkeypatch)
    wrong = {
        "q1_corrections": ns["CORRECTIONS"], "q2_formats": ["collection", "carrousel"],
        "q3_prevision": {"Clics sur un lien": 1000, "Achats": 100, "Personnes touchées": 70},
        "q4_raisonnement": "J'ai regardé le widget et j'ai recopié les chiffres qui me semblaient bien pour la "
                           "campagne de la fête des mères sans calcul particulier ni repère.",
        "q5_budget": {"Budget pour 200 clics": 80, "Dépense maximale en une journée": 6,
                      "Dépense maximale sur une semaine": 73.5},
        "q6_adequation": "adapte",
        "q7_cpc": {"CPC par clic sur un lien": 0.5, "CPC (tous les clics)": 0.47}, "q8_cpc_atelier": 0.19,
        "q9_format_emplacement": ["carrousel", "stories", "reels"], "q10_minimum": "un_jour",
    }
    right = {
        "q1_corrections": ns["CORRECTIONS"], "q2_formats": ns["CONVIENNENT"],
        "q3_prevision": {"Clics sur un lien": 255, "Achats": 7, "Personnes touchées": 6500},
        "q4_raisonnement": qs["q4_raisonnement"]._solution_text.strip("«» \u00a0\u202f"),
        "q5_budget": {"Budget pour 200 clics": 55, "Dépense maximale en une journée": 10.5,
                      "Dépense maximale sur une semaine": 42},
        "q6_adequation": "faible",
        "q7_cpc": {"CPC par clic sur un lien": 0.47, "CPC (tous les clics)": 0.19}, "q8_cpc_atelier": 0.60,
        "q9_format_emplacement": ["unique", "carrousel", "collection"], "q10_minimum": "achats",
    }

    def correct():
        ns["constructeur"].model.set(objective="trafic", format="carrousel", call_to_action="Réserver",
                                     message="Atelier pâtisserie enfants le mercredi : goûter offert. Inscrivez "
                                             "votre enfant !")

    assert_solved(qs, wrong, right, correct)


def test_exercises_09(tmp_path, monkeypatch):
    _, qs = run_notebook("09_cadre_juridique.ipynb", tmp_path, monkeypatch)
    wrong = {"q1_unsplash": "cc0", "q2_enfants": ["grand_mere", "droits_reserves"], "q3_musique": "tube",
             "q4_concours": ["reglement", "identifier"], "q5_influence": "sp", "q6_commentaire": "laisser",
             "q7_donnees": ["prive", "libelle"], "q8_pixel": "des_arrivee", "q9_formulaire": ["au_cas_ou"],
             "q10_image_virtuelle": "retouchee"}
    right = {"q1_unsplash": "usage_sans_accord", "q2_enfants": ["deux_parents", "avis_enfant"],
             "q3_musique": "sound_collection", "q4_concours": ["reglement", "mention_facebook"],
             "q5_influence": "collaboration", "q6_commentaire": "supprimer", "q7_donnees": ["prive", "minimum"],
             "q8_pixel": "apres_accord", "q9_formulaire": ["confidentialite", "champs_utiles"],
             "q10_image_virtuelle": "virtuelle"}
    assert_solved(qs, wrong, right)
