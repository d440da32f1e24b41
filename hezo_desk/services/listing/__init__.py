"""Paged, sorted, filtered lists for the desk's tables.

`paging` reads any page of one sorted, filtered result (`Window`); `definition` is what a
list declares (`Listing`: its table, sort keys and filter); `tickets`, `contracts`,
`serials` and `audit` are the desk's lists. Import each name from its own module.
"""
