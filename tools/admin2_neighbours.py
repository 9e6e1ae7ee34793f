"""Cross-validate the admin2 filling of gazetteer/districts.py on GeoNames' own coding.

For a sample of towns that GeoNames gives an admin2, hide it and ask (1) the district named
after the town, (2) the neighbour vote (k nearest coded towns of the same admin1 within
D km); print coverage and accuracy of each. Run: .venv/bin/python tools/admin2_neighbours.py
"""

from __future__ import annotations

import random
from collections import Counter

import numpy as np

from eventwatch.gazetteer.assemble import _Builder
from eventwatch.gazetteer.districts import _distances_km, _districts_by_admin1, _own_district, _radians
from eventwatch.gazetteer.schema import ADMIN2, CITY
from eventwatch.gazetteer.sources import read_cities, read_countries, read_subdivisions


def main() -> None:
    builder = _Builder()
    builder.add_countries(read_countries())
    builder.add_subdivisions(list(read_subdivisions()))
    builder.add_cities(read_cities(), {})
    coded: dict[int, list] = {}
    for town in builder.places:
        if town.feature == CITY and town.admin2 is not None and town.admin1_id is not None and town.lat is not None:
            coded.setdefault(town.admin1_id, []).append(town)
    sample = random.Random(11).sample([t for group in coded.values() for t in group], 4000)
    districts = _districts_by_admin1((p for p in builder.places if p.feature == ADMIN2), builder.district_names)
    named = Counter(
        "none" if (own := _own_district(t, districts.get(t.admin1_id, []))) is None else own.id == t.admin2_id
        for t in sample
    )
    fills, right = 1 - named["none"] / len(sample), named[True] / max(1, named[True] + named[False])
    print(f"named after the town: fills {fills:.3f}, right {right:.3f}")
    results: Counter[tuple[int, float, str]] = Counter()
    for town in sample:
        others = [t for t in coded[town.admin1_id] if t.id != town.id]
        if not others:
            continue
        row = _distances_km(_radians([town]), _radians(others))[0]
        order = np.argsort(row)
        for k in (1, 3, 5):
            for limit in (5.0, 10.0, 25.0, 50.0):
                nearest = [i for i in order[:k] if row[i] <= limit]
                if row[order[0]] > limit or not nearest:
                    results[(k, limit, "none")] += 1
                    continue
                guess = Counter(others[i].admin2_id for i in nearest).most_common(1)[0][0]
                results[(k, limit, "right" if guess == town.admin2_id else "wrong")] += 1
    for k in (1, 3, 5):
        for limit in (5.0, 10.0, 25.0, 50.0):
            right, wrong, none = (results[(k, limit, o)] for o in ("right", "wrong", "none"))
            total = right + wrong + none
            share = right / max(1, right + wrong)
            print(f"k={k} within {limit:>4} km: filled {(right + wrong) / total:.3f}, right {share:.3f}")


if __name__ == "__main__":
    main()
