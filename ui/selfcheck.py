"""Check yourself: compare a student's values for one update with the engine's ledger.

Pure pandas (no Streamlit): `grade` marks each answer, `first_wrong` names the earliest wrong factor in the
order backprop computes them, which is where a hand calculation went off track.
"""

import math
import re

import pandas as pd

from .numerals import plain_number

REL_TOL = 1e-3  # an answer is right within 0.1% of the value (about 3 significant figures) ...
ABS_TOL = 1e-4  # ... or within 1e-4 of it (for values at or near 0)


def tolerance_text() -> str:
    """The tolerance in words, as the page states it."""
    return f"within {REL_TOL:.1%} of the worked value (or within {ABS_TOL:g} of it, for values near 0)"


# what each ledger quantity is, in words; {0}, {1} are the pattern's groups (a unit's number, or a deeper net's
# layer and unit; a parameter's name)
_WORDS = (
    (r"z_(\d+)", "unit {0}'s weighted input (pre-activation)"),
    (r"h_(\d+)", "unit {0}'s output (its activation)"),
    (r"z(\d+)_(\d+)", "the weighted input (pre-activation) of unit {1} in layer {0}"),
    (r"h(\d+)_(\d+)", "the output (activation) of unit {1} in layer {0}"),
    (r"y_hat", "the prediction ŷ"),
    (r"error", "the error ŷ − y"),
    (r"loss", "the squared error L of this sample"),
    (r"dL/dy_hat", "the loss's slope with respect to the prediction"),
    (r"f'\(z_(\d+)\)", "the slope of unit {0}'s activation at its weighted input"),
    (r"dL/dh_(\d+)", "the gradient reaching unit {0}'s output"),
    (r"dL/dz_(\d+)", "the gradient reaching unit {0}'s weighted input"),
    (r"f'\(z(\d+)_(\d+)\)", "the slope of the activation of unit {1} in layer {0}"),
    (r"dL/dh(\d+)_(\d+)", "the gradient reaching the output of unit {1} in layer {0}"),
    (r"dL/dz(\d+)_(\d+)", "the gradient reaching the weighted input of unit {1} in layer {0} (its delta)"),
    (r"dL/d(\w+)", "the gradient of the loss with respect to {0}"),
    (r"g\((\w+)\)", "the gradient the optimizer uses for {0}: the loss's plus the penalties"),
    (r"buf\((\w+)\)", "{0}'s momentum buffer after this update"),
    (r"step\((\w+)\)", "Nesterov's look-ahead step for {0}"),
    (r"m\((\w+)\)", "Adam's running average of {0}'s gradient"),
    (r"s\((\w+)\)", "the running average of {0}'s squared gradient"),
    (r"t", "the optimizer's step count, this update included"),
    (r"1 - beta1\^t", "Adam's bias correction of the average gradient"),
    (r"sqrt\(1 - beta2\^t\)", "Adam's bias correction of the average squared gradient"),
    (r"new (\w+)", "{0} after the update"),
)


def quantity_in_words(name: str) -> str:
    """A ledger quantity in words: "f'(z_2)" -> "the slope of unit 2's activation at its weighted input"."""
    for pattern, words in _WORDS:
        match = re.fullmatch(pattern, name)
        if match:
            return words.format(*match.groups())
    return name


def is_close(answer: float, value: float) -> bool:
    """True when `answer` matches `value` to REL_TOL relative or ABS_TOL absolute."""
    return math.isclose(answer, value, rel_tol=REL_TOL, abs_tol=ABS_TOL)


def blank_answers(ledger: pd.DataFrame) -> pd.DataFrame:
    """The answer sheet: one row per ledger quantity (stage, name, seed name, what it is in words) and an empty
    `answer` column."""
    sheet = ledger[["stage", "name", "seed"]].copy()
    sheet["what"] = [quantity_in_words(name) for name in sheet["name"]]
    sheet["answer"] = ""
    return sheet.reset_index(drop=True)


def read_answer(answer) -> float | None:
    """A typed answer as a number (plain decimal notation: ui.numerals), None when nothing was typed; ValueError
    when the text is not a finite number. Numbers already (an older sheet, a test) are taken as they are."""
    if answer is None or (isinstance(answer, float) and math.isnan(answer)) or not str(answer).strip():
        return None
    value = plain_number(answer.strip()) if isinstance(answer, str) else float(answer)
    if not math.isfinite(value):
        raise ValueError(f"{answer!r} is not a finite number")
    return value


def grade(ledger: pd.DataFrame, answers: pd.DataFrame) -> pd.DataFrame:
    """The answer sheet with a `verdict` column: "right", "wrong", "unreadable" (not a number), or "" where nothing
    was typed.

    answers : DataFrame with columns name, answer (text; empty = not answered), as made by `blank_answers`.
    """
    values = ledger.set_index("name")["value"]
    verdicts = []
    for row in answers.itertuples():
        try:
            answer = read_answer(row.answer)
        except ValueError:
            verdicts.append("unreadable")
            continue
        verdicts.append("" if answer is None else "right" if is_close(answer, float(values[row.name])) else "wrong")
    return answers.assign(verdict=verdicts)


def first_wrong(ledger: pd.DataFrame, graded: pd.DataFrame) -> pd.Series | None:
    """The ledger row of the earliest wrong answer in computation order, or None when none is wrong."""
    wrong = set(graded.loc[graded["verdict"] == "wrong", "name"])
    for _, row in ledger.iterrows():
        if row["name"] in wrong:
            return row
    return None
