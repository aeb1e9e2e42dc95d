"""The core of Sasaeai: reading documents, fiscal periods and evaluation.

Plain Python with no web framework, so it can be tested, benchmarked and used
from the command line on its own.  Every error it raises on purpose is a
:class:`SasaeaiError`.
"""

from .errors import PeriodError, ReaderError, SasaeaiError
from .evaluation import (
    Actual,
    GradedActual,
    IndicatorPart,
    Measure,
    PartEvaluation,
    Projection,
    Thresholds,
    evaluate_actual,
    evaluate_part,
    grade_value,
    project,
    roll_up,
)
from .links import (
    IndicatorLink,
    LinkedActual,
    LinkOutcome,
    Observation,
    choose_quantity,
    link_actuals,
    read_links,
    read_links_file,
    same_unit,
)
from .periods import (
    FiscalYear,
    Period,
    find_years,
    parse_fiscal_year,
    parse_period,
    parse_quarter,
    resolve_date,
    resolve_range,
)
from .quantities import UNITS, read_quantities
from .records import ProjectEntry, Quantity, ReportDocument
from .report import read_report, read_report_bytes
from .tables import read_table, read_text_input

__all__ = [
    "UNITS",
    "Actual",
    "FiscalYear",
    "GradedActual",
    "IndicatorLink",
    "IndicatorPart",
    "LinkOutcome",
    "LinkedActual",
    "Measure",
    "Observation",
    "PartEvaluation",
    "Period",
    "PeriodError",
    "ProjectEntry",
    "Projection",
    "Quantity",
    "ReaderError",
    "ReportDocument",
    "SasaeaiError",
    "Thresholds",
    "choose_quantity",
    "evaluate_actual",
    "evaluate_part",
    "find_years",
    "grade_value",
    "link_actuals",
    "parse_fiscal_year",
    "parse_period",
    "parse_quarter",
    "project",
    "read_links",
    "read_links_file",
    "read_quantities",
    "read_report",
    "read_report_bytes",
    "read_table",
    "read_text_input",
    "resolve_date",
    "resolve_range",
    "roll_up",
    "same_unit",
]
