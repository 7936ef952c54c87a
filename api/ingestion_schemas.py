"""Validation of ingested quiz data (SPEC §3.5): Canvas's shapes, every field checked by type.

Numbers keep their JSON type (`1` stays an integer, `1.0` a float) because report cells print
them as Canvas stored them. Unknown keys of questions, answers and attempts are kept.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from marshmallow import INCLUDE, RAISE, Schema, ValidationError, fields, validate, validates_schema

QUIZ_TYPES = ("assignment", "practice_quiz", "graded_survey", "survey")


class Number(fields.Field):
    """An int or float as given (numeric strings from forms are converted); never a boolean."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> int | float:
        if isinstance(value, bool):
            raise ValidationError("Not a valid number.")
        if isinstance(value, int | float):
            return value
        if isinstance(value, str):
            try:
                return int(value)
            except ValueError:
                try:
                    return float(value)
                except ValueError:
                    pass
        raise ValidationError("Not a valid number.")


class Timestamp(fields.String):
    """An ISO 8601 time, kept as the text given."""

    def _deserialize(self, value: Any, attr: str | None, data: Any, **kwargs: Any) -> str:
        text: str = super()._deserialize(value, attr, data, **kwargs)
        try:
            datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError as error:
            raise ValidationError("Not a valid ISO 8601 time.") from error
        return text


class _Open(Schema):
    class Meta:
        unknown = INCLUDE


class AnswerSchema(_Open):
    id = fields.Integer(required=True, strict=True)
    text = fields.String(allow_none=True)
    html = fields.String(allow_none=True)
    weight = Number(allow_none=True)


class QuestionSchema(_Open):
    id = fields.Integer(required=True, strict=True)
    position = fields.Integer(allow_none=True, strict=True)
    question_type = fields.String(required=True)
    question_name = fields.String(allow_none=True)
    question_text = fields.String(allow_none=True)
    points_possible = Number(allow_none=True)
    answers = fields.List(fields.Nested(AnswerSchema), load_default=list)
    matches = fields.List(fields.Dict(), allow_none=True)
    entry_type = fields.String(allow_none=True)


class CourseSchema(Schema):
    name = fields.String(required=True, validate=validate.Length(min=1))
    root_account_has_trusts = fields.Boolean(load_default=False)


class QuizSchema(Schema):
    class Meta:
        unknown = RAISE

    title = fields.String(required=True)
    quiz_type = fields.String(load_default="assignment", validate=validate.OneOf(QUIZ_TYPES))
    anonymous_submissions = fields.Boolean(load_default=False)
    published_at = Timestamp(load_default=None, allow_none=True)
    points_possible = Number(load_default=None, allow_none=True)
    questions = fields.List(fields.Nested(QuestionSchema), load_default=list)


class UserSchema(_Open):
    id = fields.Integer(required=True, strict=True)
    name = fields.String(required=True)
    sortable_name = fields.String(allow_none=True)
    sis_user_id = fields.String(allow_none=True)


class SectionSchema(_Open):
    id = fields.Integer(required=True, strict=True)
    name = fields.String(required=True)
    sis_section_id = fields.String(allow_none=True)


class AttachmentSchema(_Open):
    id = fields.Integer(required=True, strict=True)
    display_name = fields.String(required=True)


class AttemptSchema(_Open):
    attempt = fields.Integer(required=True, strict=True, validate=validate.Range(min=1))
    workflow_state = fields.String(required=True)
    score = Number(allow_none=True)
    fudge_points = Number(allow_none=True)
    started_at = Timestamp(allow_none=True)
    finished_at = Timestamp(allow_none=True)
    submission_data = fields.List(fields.Dict(), allow_none=True)
    quiz_data = fields.List(fields.Nested(QuestionSchema), allow_none=True)


class SubmissionSchema(Schema):
    class Meta:
        unknown = RAISE

    id = fields.Integer(strict=True)
    user = fields.Nested(UserSchema, allow_none=True, load_default=None)
    temporary_user_code = fields.String(allow_none=True, load_default=None)
    was_preview = fields.Boolean(load_default=False)
    sections = fields.List(fields.Nested(SectionSchema), load_default=list)
    kept_score = Number(allow_none=True, load_default=None)
    attachments = fields.List(fields.Nested(AttachmentSchema), load_default=list)
    attempts = fields.List(fields.Nested(AttemptSchema), required=True)

    @validates_schema
    def _taker(self, data: dict[str, Any], **_: Any) -> None:
        if data.get("user") is None and not data.get("temporary_user_code"):
            raise ValidationError("either user or temporary_user_code is required", "user")
        numbers = [attempt["attempt"] for attempt in data.get("attempts", [])]
        if len(numbers) != len(set(numbers)):
            raise ValidationError("attempt numbers must be unique", "attempts")


class BulkSubmissionsSchema(Schema):
    quiz_submissions = fields.List(
        fields.Nested(SubmissionSchema), required=True, validate=validate.Length(min=1, max=1000)
    )

    @validates_schema
    def _ids(self, data: dict[str, Any], **_: Any) -> None:
        ids = [submission.get("id") for submission in data.get("quiz_submissions", [])]
        if any(submission_id is None for submission_id in ids):
            raise ValidationError("every submission needs an id", "quiz_submissions")
        if len(ids) != len(set(ids)):
            raise ValidationError("submission ids must be unique", "quiz_submissions")
