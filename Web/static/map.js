/* The map viewer: draws the gap map of /map/data.json with Leaflet (no background tiles).
   Every text from the data goes through textContent or a text node, never innerHTML. */
(function () {
  'use strict';
  var box = document.getElementById('map');
  if (!box || !window.L || !window.fetch) { return; }
  var SVG = 'http://www.w3.org/2000/svg';

  function element(name, className, text) {
    var e = document.createElement(name);
    if (className) { e.className = className; }
    if (text !== undefined) { e.textContent = text; }
    return e;
  }

  /* The hatching patterns of the SVG maps, added to a <defs> of the page. */
  function addPatterns(markup) {
    var parsed = new DOMParser().parseFromString(
      '<svg xmlns="' + SVG + '"><defs>' + markup + '</defs></svg>', 'image/svg+xml');
    var holder = document.createElementNS(SVG, 'svg');
    holder.setAttribute('width', '0');
    holder.setAttribute('height', '0');
    holder.setAttribute('aria-hidden', 'true');
    holder.appendChild(document.importNode(parsed.documentElement.firstChild, true));
    document.body.appendChild(holder);
  }

  function swatch(entry) {
    var s = document.createElementNS(SVG, 'svg');
    s.setAttribute('width', '24');
    s.setAttribute('height', '18');
    var shape;
    if (entry.point) {
      shape = document.createElementNS(SVG, 'circle');
      shape.setAttribute('cx', '12');
      shape.setAttribute('cy', '9');
      shape.setAttribute('r', '6');
      shape.setAttribute('fill', entry.hollow ? '#fff' : entry.fill);
      shape.setAttribute('stroke', entry.hollow ? entry.fill : '#555');
      shape.setAttribute('stroke-width', entry.hollow ? '3' : '1');
    } else {
      shape = document.createElementNS(SVG, 'rect');
      shape.setAttribute('width', '24');
      shape.setAttribute('height', '18');
      shape.setAttribute('fill', entry.fill);
      shape.setAttribute('stroke', '#555');
    }
    s.appendChild(shape);
    return s;
  }

  function legend(data) {
    var control = L.control({ position: 'bottomright' });
    control.onAdd = function () {
      var div = element('div', 'map-legend');
      div.appendChild(element('h2', '', data.texts.legend));
      data.legend.forEach(function (entry) {
        var row = element('div', 'row');
        row.appendChild(swatch(entry));
        var words = element('div');
        words.appendChild(element('div', 'label', entry.label));
        if (entry.description) { words.appendChild(element('div', 'description', entry.description)); }
        row.appendChild(words);
        div.appendChild(row);
      });
      L.DomEvent.disableScrollPropagation(div);
      return div;
    };
    return control;
  }

  function shown(value, key, p, data) {
    if (p[key + '_suppressed'] === true) { return { text: data.texts.withheld, withheld: true }; }
    if (value === null || value === undefined) { return { text: data.texts.none }; }
    if (typeof value === 'boolean') { return { text: value ? data.texts.yes : data.texts.no }; }
    if (typeof value === 'number') {
      var small = value !== 0 && Math.abs(value) < 1;
      return {
        text: value.toLocaleString(data.language, small ? { maximumSignificantDigits: 3 } : { maximumFractionDigits: 2 })
      };
    }
    if (key === 'gap_level') { return { text: p.level_label }; }
    return { text: String(value) };
  }

  function popup(p, data) {
    var div = element('div', 'map-popup');
    var title = element('h3');
    title.appendChild(element('bdi', '', p.name));
    div.appendChild(title);
    div.appendChild(element('p', '', p.level_label));
    var table = element('table');
    data.fields.forEach(function (field) {
      var row = element('tr');
      row.appendChild(element('th', '', field.label));
      var value = shown(p[field.key], field.key, p, data);
      row.appendChild(element('td', value.withheld ? 'withheld' : '', value.text));
      table.appendChild(row);
    });
    div.appendChild(table);
    return div;
  }

  function draw(data) {
    box.textContent = '';
    box.classList.add('live');
    addPatterns(data.patterns);
    var map = L.map(box, { renderer: L.svg(), zoomSnap: 0.25 });
    map.attributionControl.setPrefix(false);
    var areas = L.geoJSON(data, {
      style: function (f) {
        return { fillColor: f.properties.fill, fillOpacity: 1, color: '#555', weight: 1, className: f.properties['class'] };
      },
      onEachFeature: function (f, layer) {
        layer.bindPopup(function () { return popup(f.properties, data); });
        layer.bindTooltip(element('span', '', f.properties.name + ': ' + f.properties.level_label));
      }
    }).addTo(map);
    /* Leaflet writes the attribution as HTML: give it escaped text. */
    map.attributionControl.addAttribution(element('span', '', data.attribution).innerHTML);
    var services = L.layerGroup(data.services.map(function (s) {
      return L.circleMarker([s.lat, s.lon], {
        radius: 6, fillOpacity: 1, fillColor: s.verified ? s.colour : '#fff',
        color: s.verified ? '#fff' : s.colour, weight: s.verified ? 1.5 : 3
      }).bindTooltip(element('bdi', '', s.name));
    })).addTo(map);
    var overlays = {};
    overlays[element('span', '', data.texts.services).innerHTML] = services;
    L.control.layers(null, overlays, { collapsed: false }).addTo(map);
    var key = legend(data).addTo(map);
    /* Keep the municipalities clear of the legend on the right. */
    var room = Math.min(key.getContainer().offsetWidth + 20, box.clientWidth / 2);
    map.fitBounds(areas.getBounds(), { paddingTopLeft: [10, 10], paddingBottomRight: [room, 10] });
  }

  fetch(box.getAttribute('data-src'), { credentials: 'same-origin' })
    .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.json(); })
    .then(draw)
    .catch(function () { /* the SVG map stays in place */ });
}());
