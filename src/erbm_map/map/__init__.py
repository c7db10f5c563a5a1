"""The map: the Leaflet component, the paper map, their symbols and the map's callbacks."""
