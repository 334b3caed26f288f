/** @file
 *  @brief Facets (--facet): counts per source, year or tag over the whole match set.
 *  @internal
 */
#ifndef BYLINE_INCLUDED_SEARCH_FACETS_H
#define BYLINE_INCLUDED_SEARCH_FACETS_H

#include <byline/search_results.h>

#include <xapian.h>

#include <map>
#include <string>

namespace byline {

/// Counts the values of one field over every document the matcher sees.
class FacetSpy : public Xapian::MatchSpy {
  public:
    explicit FacetSpy(FacetField field) : field_(field) {}

    void operator()(const Xapian::Document& doc, double) override;

    /// The counts, scaled up to `matches` when fewer documents were seen.
    /// `examined_all`: the match looked at every matching document, so the counts are
    /// exact whatever the (collapsed, estimated) number of matches says.
    [[nodiscard]] Facet facet(Xapian::doccount matches, bool examined_all) const;

  private:
    void add(const std::string& value);

    FacetField field_;
    Xapian::doccount seen_ = 0;
    std::map<std::string, Xapian::doccount> counts_;
};

}  // namespace byline

#endif
