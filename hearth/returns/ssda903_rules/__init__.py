"""The DfE's SSDA903 validation rules, one module per block of the DfE's own numbering.

`registry` holds what every rule module shares (the `check` decorator, `Problem`, the
`Submission` a check reads). The rule modules are imported by `hearth.returns.ssda903_validation`,
which runs every registered check. Modules:

* `basic`: the first rules written (codes, dates, the episode chain's shape, SW and DoLo dates);
* `rules_1xx`: the 100s (header, UASC, OC2, OC3, adopters' codes and dates) and the DoLo 700s;
* `rules_2xx_3xx`: the 200s and 300s (placements, providers, URNs, postcodes, ages against
  legal statuses and placements, episode dates);
* `rules_4xx_5xx`: the 400s and 500s (episode sequences, adoption, missing, comparisons with
  the open episode at the end of last year);
* `rules_6xx_up`: the 600s, 1000s, 3001, the social worker (SW) and internal (INT) checks.
"""
