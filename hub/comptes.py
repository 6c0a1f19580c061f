"""Unix accounts of a cohort for the hub, from a CSV file « identifiant;nom;e-mail » (run as root).

    python hub/comptes.py creer cohorte.csv [--role apprenant|formateur] [--mots-de-passe FICHIER] [--base-dir DOSSIER]
    python hub/comptes.py supprimer cohorte.csv

``creer`` adds one account per line (group « apprenants » or « formateurs »), a home folder only its owner can
read (mode 700) and a random password; the passwords are written to a CSV readable by root only
(« identifiant;mot de passe »), to hand out. An account that already exists is left as it is.
``supprimer`` removes the accounts of the file and their home folders, but only accounts this script made
(member of the cohort's group, with the course's mark in their comment): never any other account.
"""

from __future__ import annotations

import argparse
import csv
import grp
import os
import pwd
import re
import secrets
import signal
import string
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

GROUPS = {"apprenant": "apprenants", "formateur": "formateurs"}
MARK = "communication-digitale"  # written in the account's comment field: only marked accounts are removed
NAME = re.compile(r"^[a-z_][a-z0-9_-]{0,31}$")
EMAIL = re.compile(r"^[^@\s;:,]+@[^@\s;:,]+$")


@dataclass(frozen=True)
class Member:
    login: str
    name: str
    email: str


class CohortError(ValueError):
    """A line of the cohort file that cannot become an account (French message)."""


def read_cohort(path: Path) -> list[Member]:
    """The members of ``path`` (« identifiant;nom;e-mail », header line optional), checked."""
    members: list[Member] = []
    with open(path, encoding="utf-8-sig", newline="") as handle:
        for number, row in enumerate(csv.reader(handle, delimiter=";"), start=1):
            if not row or not "".join(row).strip() or row[0].strip().startswith("#"):
                continue
            if number == 1 and row[0].strip().lower() == "identifiant":
                continue
            if len(row) != 3:
                raise CohortError(f"ligne {number} : trois colonnes attendues (identifiant;nom;e-mail), "
                                  f"{len(row)} trouvée(s)")
            login, name, email = (cell.strip() for cell in row)
            if not NAME.match(login):
                raise CohortError(f"ligne {number} : identifiant « {login} » invalide (minuscules, chiffres, - ou _, "
                                  "32 caractères au plus, commence par une lettre)")
            if not name or any(ch in name for ch in ":,\n"):
                raise CohortError(f"ligne {number} : nom « {name} » vide ou avec «  : » ou « , »")
            if not EMAIL.match(email):
                raise CohortError(f"ligne {number} : adresse e-mail « {email} » invalide")
            if any(m.login == login for m in members):
                raise CohortError(f"ligne {number} : identifiant « {login} » en double")
            members.append(Member(login, name, email))
    return members


def new_password(length: int = 14) -> str:
    alphabet = [ch for ch in string.ascii_letters + string.digits if ch not in "lIO0"]
    return "".join(secrets.choice(alphabet) for _ in range(length))


def comment(member: Member) -> str:
    return f"{member.name} <{member.email}> {MARK}"


def _known(lookup, name: str) -> bool:
    try:
        lookup(name)
    except KeyError:
        return False
    return True


def exists(login: str) -> bool:
    return _known(pwd.getpwnam, login)


def ours(login: str, group: str) -> bool:
    """The account was made by this script for ``group`` (never remove anything else)."""
    try:
        account = pwd.getpwnam(login)
        gid = grp.getgrnam(group).gr_gid
    except KeyError:
        return False
    return account.pw_gid == gid and account.pw_gecos.endswith(MARK) and account.pw_uid >= 1000


def group_exists(group: str) -> bool:
    return _known(grp.getgrnam, group)


def group_members(group: str) -> set[str]:
    """Accounts of ``group``, as secondary or primary group."""
    gid = grp.getgrnam(group).gr_gid
    return set(grp.getgrnam(group).gr_mem) | {p.pw_name for p in pwd.getpwall() if p.pw_gid == gid}


def ensure_group(group: str) -> None:
    if not group_exists(group):
        subprocess.run(["groupadd", group], check=True)


def create(members: list[Member], role: str, passwords: Path | None, base_dir: Path | None) -> list[tuple[str, str]]:
    group = GROUPS[role]
    ensure_group(group)
    made: list[tuple[str, str]] = []
    for member in members:
        if exists(member.login):
            print(f"« {member.login} » existe déjà : compte laissé tel quel.")
            continue
        args = ["useradd", "--create-home", "--shell", "/bin/bash", "--gid", group, "--comment", comment(member),
                "--key", "HOME_MODE=0700", "--key", "UMASK=077"]
        if base_dir is not None:
            args += ["--base-dir", str(base_dir)]
        subprocess.run([*args, member.login], check=True)
        home = Path(pwd.getpwnam(member.login).pw_dir)
        os.chmod(home, 0o700)  # only its owner reads a home folder, whatever the system's default
        password = new_password()
        subprocess.run(["chpasswd"], input=f"{member.login}:{password}\n", text=True, check=True)
        made.append((member.login, password))
        print(f"Compte {role} « {member.login} » créé ({member.name}).")
    if passwords is not None and made:
        old = os.umask(0o077)
        try:
            new = not passwords.exists()
            with open(passwords, "a", encoding="utf-8", newline="") as handle:
                writer = csv.writer(handle, delimiter=";")
                if new:
                    writer.writerow(["identifiant", "mot de passe"])
                writer.writerows(made)
        finally:
            os.umask(old)
        os.chmod(passwords, 0o600)
        print(f"Mots de passe dans {passwords} (lisible par root seulement) : à remettre à chacun.")
    return made


def kill_processes(uid: int) -> None:
    """SIGKILL, by process id, every process running under ``uid`` (an account of the cohort)."""
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            real_uid = next(line.split()[1] for line in status.read_text().splitlines() if line.startswith("Uid:"))
            if int(real_uid) == uid:
                os.kill(int(status.parent.name), signal.SIGKILL)
        except (OSError, StopIteration, ValueError):
            continue


def remove(members: list[Member]) -> list[str]:
    removed = []
    for member in members:
        group = next((g for g in GROUPS.values() if ours(member.login, g)), None)
        if group is None:
            if exists(member.login):
                print(f"« {member.login} » n'a pas été créé par ce script : compte laissé tel quel.")
            continue
        kill_processes(pwd.getpwnam(member.login).pw_uid)  # its servers and kernels, started by the hub
        subprocess.run(["userdel", "--remove", member.login], check=False, capture_output=True)
        if exists(member.login):
            print(f"« {member.login} » n'a pas pu être supprimé.", file=sys.stderr)
            continue
        removed.append(member.login)
        print(f"Compte « {member.login} » supprimé avec son dossier personnel.")
    return removed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Comptes Unix d'une cohorte (fichier CSV identifiant;nom;e-mail).")
    sub = parser.add_subparsers(dest="action", required=True)
    make = sub.add_parser("creer", help="créer les comptes du fichier")
    make.add_argument("fichier", type=Path)
    make.add_argument("--role", choices=sorted(GROUPS), default="apprenant")
    make.add_argument("--mots-de-passe", type=Path, help="CSV (root seulement) où ajouter les mots de passe")
    make.add_argument("--base-dir", type=Path, help="dossier parent des dossiers personnels (défaut : /home)")
    drop = sub.add_parser("supprimer", help="supprimer les comptes du fichier (créés par ce script seulement)")
    drop.add_argument("fichier", type=Path)
    args = parser.parse_args(argv)
    if os.geteuid() != 0:
        print("Créer ou supprimer des comptes Unix demande root (sudo).", file=sys.stderr)
        return 2
    try:
        members = read_cohort(args.fichier)
    except (CohortError, OSError) as exc:
        print(f"{args.fichier} : {exc}", file=sys.stderr)
        return 1
    if args.action == "creer":
        create(members, args.role, args.mots_de_passe, args.base_dir)
    else:
        remove(members)
    return 0


if __name__ == "__main__":
    sys.exit(main())
