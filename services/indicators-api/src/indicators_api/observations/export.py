"""Export of approved observations of a framework and period, in the same
layouts the import reads (long or wide, xlsx or csv)."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from indicators_api.catalogs import repository as catalog
from indicators_api.demo_data import ObservationSpec
from indicators_api.observation_io import write_observations, write_observations_csv
from indicators_api.observations import repository as observations

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


async def observations_file(
    session: AsyncSession, framework: str, period: str, layout: str, file_format: str
) -> tuple[bytes, str]:
    indicators = {i.code: i for i in await catalog.indicators(session, framework=framework)}
    regions = await catalog.regions(session)
    rows = []
    for code, indicator in indicators.items():
        if indicator.kind == "composite":
            continue
        for region, value in sorted((await observations.approved_values(session, code, period)).items()):
            rows.append(ObservationSpec(indicator=code, region=region, period=period, value=value,
                                        source="营商环境改革推进平台"))
    if file_format == "csv":
        return write_observations_csv(rows, layout, indicators=indicators, regions=regions), "text/csv; charset=utf-8"
    return write_observations(rows, layout, indicators=indicators, regions=regions), XLSX
