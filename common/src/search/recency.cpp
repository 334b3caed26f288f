/** @file
 *  @brief The recency bonus (--recent): newer articles gain a bounded share of the score.
 */
#include "search/recency.h"

#include <byline/fields.h>

#include "schema/terms.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <optional>
#include <string>

namespace byline {

namespace {

/// Days since 1970 of a date slot value ("YYYYMMDD..."); nothing when it is not one.
std::optional<double> day_number(const std::string& value) {
    const auto date = date_from_slot(value);
    if (!date) {
        return std::nullopt;
    }
    using namespace std::chrono;
    const year_month_day ymd{year{date->year}, month{static_cast<unsigned>(date->month)},
                             day{static_cast<unsigned>(date->day)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return static_cast<double>(sys_days{ymd}.time_since_epoch().count());
}

/// A bonus for newer articles that halves every `half_life` days before `newest` and
/// never exceeds `max_bonus`, so it can reorder close calls but not bury relevance.
class RecencySource : public Xapian::ValuePostingSource {
  public:
    RecencySource(double newest, double half_life, double max_bonus)
        : Xapian::ValuePostingSource(slot_date),
          newest_(newest),
          half_life_(half_life),
          max_bonus_(max_bonus) {}

    void init(const Xapian::Database& database) override {
        Xapian::ValuePostingSource::init(database);
        set_maxweight(max_bonus_);
    }
    double get_weight() const override {
        const auto day = day_number(get_value());
        if (!day) {
            return 0;
        }
        return max_bonus_ * std::exp2(-std::max(0.0, newest_ - *day) / half_life_);
    }
    RecencySource* clone() const override {
        return new RecencySource(newest_, half_life_, max_bonus_);
    }
    std::string name() const override { return "byline::RecencySource"; }
    std::string get_description() const override {
        return fmt::format("recency (at most {:.3f})", max_bonus_);
    }

  private:
    double newest_;
    double half_life_;
    double max_bonus_;
};

}  // namespace

Xapian::Query with_recency_bonus(const Xapian::Query& query, Xapian::Enquire& enquire,
                                 const Xapian::Database& db, const RankingWeights& weights) {
    // Bound the bonus by the best relevance score this query reaches.
    enquire.set_query(query);
    const auto top = enquire.get_mset(0, 1);
    const auto newest = day_number(db.get_value_upper_bound(slot_date));
    if (top.empty() || !newest) {
        return query;
    }
    const double max_bonus = weights.recency_share * top.get_max_attained();
    auto* source = new RecencySource(*newest, weights.recency_half_life_days, max_bonus);
    return {Xapian::Query::OP_AND_MAYBE, query, Xapian::Query(source->release())};
}

}  // namespace byline
