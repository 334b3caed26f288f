/** @file
 *  @brief Facets (--facet): counts per source, year or tag over the whole match set.
 */
#include "search/facets.h"

#include <byline/fields.h>

#include <algorithm>
#include <cmath>

namespace byline {

void FacetSpy::operator()(const Xapian::Document& doc, double) {
    ++seen_;
    switch (field_) {
        case FacetField::source:
            add(doc.get_value(slot_source));
            break;
        case FacetField::year:
            add(doc.get_value(slot_date).substr(0, 4));
            break;
        case FacetField::tag: {
            const auto tags = doc.get_value(slot_tags);
            std::size_t begin = 0;
            while (begin < tags.size()) {
                const auto end = std::min(tags.find(tag_separator, begin), tags.size());
                add(tags.substr(begin, end - begin));
                begin = end + 1;
            }
            break;
        }
    }
}

Facet FacetSpy::facet(Xapian::doccount matches, bool examined_all) const {
    Facet facet{field_, {}, !examined_all && seen_ < matches};
    const double scale = seen_ == 0 || !facet.estimated ? 1.0 : double(matches) / double(seen_);
    for (const auto& [value, count] : counts_) {
        facet.counts.push_back({value, static_cast<Xapian::doccount>(std::lround(count * scale))});
    }
    std::stable_sort(facet.counts.begin(), facet.counts.end(), [&](const auto& a, const auto& b) {
        return field_ == FacetField::year ? a.value > b.value : a.count > b.count;
    });
    return facet;
}

void FacetSpy::add(const std::string& value) {
    if (!value.empty()) {
        ++counts_[value];
    }
}

}  // namespace byline
