"""nbgrader's ``CheckCellMetadata`` step, with the cell metadata schema compiled once per process.

nbgrader's :class:`~nbgrader.nbgraderformat.MetadataValidator` checks every cell's ``nbgrader`` metadata with
``jsonschema.validate(metadata, schema)``, which first validates the schema itself against JSON Schema's
meta-schema: once per cell, twice per notebook (the step runs while sanitising and after grading), about a
quarter of the time of a notebook scored from the files. :class:`CheckCellMetadata` runs nbgrader's same
checks (schema version, schema, grade ids, points, cell types, duplicate ids) with one validator built per
schema version for the whole run: the same notebooks pass, the same ones fail with the same errors.
Wired in ``nbgrader_config.py`` in place of ``nbgrader.preprocessors.CheckCellMetadata``.
"""

from __future__ import annotations

import traceback

import jsonschema
from nbgrader.nbgraderformat import MetadataValidator, SchemaTooNewError, SchemaTooOldError, ValidationError
from nbgrader.nbgraderformat.common import BaseMetadataValidator
from nbgrader.preprocessors import CheckCellMetadata as NbgraderCheckCellMetadata

_VALIDATORS: dict[int, jsonschema.protocols.Validator] = {}  # by schema version: the checked schema, compiled


class _SchemaCheckedOnce(BaseMetadataValidator):
    """nbgrader's base cell check (:meth:`BaseMetadataValidator.validate_cell`), with a compiled validator."""

    def validate_cell(self, cell) -> None:
        if "nbgrader" not in cell.metadata:
            return
        meta = cell.metadata["nbgrader"]
        schema = meta.get("schema_version", 0)
        if schema < self.schema_version:
            raise SchemaTooOldError(f"Outdated schema version: {schema} (expected {self.schema_version})",
                                    schema, self.schema_version)
        if schema > self.schema_version:
            raise SchemaTooNewError(f"Schema version is too new: {schema} (expected {self.schema_version})",
                                    schema, self.schema_version)
        validator = _VALIDATORS.get(self.schema_version)
        if validator is None:
            cls = jsonschema.validators.validator_for(self.schema)
            cls.check_schema(self.schema)  # what jsonschema.validate does first, on every call
            validator = _VALIDATORS[self.schema_version] = cls(self.schema)
        error = jsonschema.exceptions.best_match(validator.iter_errors(meta))
        if error is not None:
            raise error


class CompiledMetadataValidator(MetadataValidator, _SchemaCheckedOnce):
    """nbgrader's current metadata validator; its schema check goes through :class:`_SchemaCheckedOnce`."""


class CheckCellMetadata(NbgraderCheckCellMetadata):
    """nbgrader's ``CheckCellMetadata`` (same checks, same log and error) with the compiled validator."""

    def preprocess(self, nb, resources):
        try:
            CompiledMetadataValidator().validate_nb(nb)
        except ValidationError:
            self.log.error(traceback.format_exc())
            msg = "Notebook failed to validate; the nbgrader metadata may be corrupted."
            self.log.error(msg)
            raise ValidationError(msg) from None
        return nb, resources
