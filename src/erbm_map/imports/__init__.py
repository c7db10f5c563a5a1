"""Import official files (zoning, CPTS perimeters, FINESS extracts) into ``data/sources``.

The package is split by role: ``reading`` turns bytes into rows (size limit, encoding,
CSV dialect, XLSX), ``headers`` finds the header row and the columns, ``normalise``
turns cell values into codes (``coordinates`` for points), ``zoning`` / ``cpts`` /
``establishments`` validate one kind of file each against the perimeter read by
``sources``, ``writer`` stores the result atomically with an archive of the previous
version, ``report`` tells the planner what happened, ``commands`` runs one import end
to end and ``cli`` wires it to ``erbm-map import``. ``changes`` is a pure helper the
dashboard uses to compare two zoning vintages.

Nothing is imported here so that ``from erbm_map.core.zoning_changes import ...`` stays
cheap for the dashboard (no openpyxl, no pyproj).
"""
