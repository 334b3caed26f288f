/** @file
 *  @brief The QueryParser Byline queries are read with: the field table's prefixes, the
 *  date: forms, the stemmer and the stop words.
 */
#include "search/query_parser_setup.h"

#include <byline/date_range.h>
#include <byline/fields.h>

#include "schema/terms.h"
#include "stop_words.h"

#include <fmt/format.h>

#include <cctype>

namespace byline {

namespace {

/// Turns `field:value` into the filter term the indexer wrote for that value, so that
/// filters match whatever the case and spacing of the query.
class BooleanFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit BooleanFieldProcessor(const Field& field) : field_(field) {}
    Xapian::Query operator()(const std::string& value) override {
        if (field_.query_term != nullptr) {
            return Xapian::Query(field_.query_term(field_.prefix, value));
        }
        return Xapian::Query(boolean_term(field_.prefix, value));
    }

  private:
    const Field& field_;
};

/// `date:2024`, `date:2024-05`, `date:2024-05-15`: the year, month or day term the
/// indexer wrote, so that an article dated only "2024" is not taken to be in May.
/// `date:30d` means from 30 days ago on; a date with a time, that second.
/// Dates that are not dates are left out of the query and reported here.
class DateFieldProcessor : public Xapian::FieldProcessor {
  public:
    DateFieldProcessor(Date now, Problems problems) : now_(now), problems_(std::move(problems)) {}
    Xapian::Query operator()(const std::string& value) override {
        const auto date = parse_query_date(value, now_);
        if (!date) {
            problems_->push_back(fmt::format("date:{} is not a date", value));
            return Xapian::Query::MatchAll;
        }
        const bool relative =
            !value.empty() && std::isalpha(static_cast<unsigned char>(value.back()));
        if (relative) {  // date:30d: from 30 days ago on.
            return date_range_query(DateRange{date_lower_bound(*date), std::nullopt});
        }
        if (date->precision == DatePrecision::second) {
            return date_range_query(*parse_date_range(value, now_));
        }
        return Xapian::Query(date_term(*date, date->precision));
    }

  private:
    Date now_;
    Problems problems_;
};

/// `date:A..B`, `date:..B`, `date:A..` at year, month, day or second precision (Xapian's
/// DateRangeProcessor takes whole days only).
class DateRangeProcessor : public Xapian::RangeProcessor {
  public:
    DateRangeProcessor(Date now, Problems problems)
        : Xapian::RangeProcessor(slot_date, "date:"), now_(now), problems_(std::move(problems)) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        const auto range = parse_date_range(begin + ".." + end, now_);
        if (!range) {
            problems_->push_back(fmt::format("date:{}..{} is not a date range", begin, end));
            return Xapian::Query::MatchAll;
        }
        return date_range_query(*range);
    }

  private:
    Date now_;
    Problems problems_;
};

/// Any other `A..B`: Xapian's parser reads ranges whatever the flags, and throws on one
/// that no processor takes, so that "v1..v2" would fail even as plain words. Left out,
/// with a note, as a bad date range is.
class OtherRangeProcessor : public Xapian::RangeProcessor {
  public:
    explicit OtherRangeProcessor(Problems problems) : problems_(std::move(problems)) {}
    Xapian::Query operator()(const std::string& begin, const std::string& end) override {
        problems_->push_back(
            fmt::format("{}..{} is not a range (only date: takes one)", begin, end));
        return Xapian::Query::MatchAll;
    }

  private:
    Problems problems_;
};

}  // namespace

Xapian::QueryParser make_query_parser(const Xapian::Database& db, const QueryOptions& options,
                                      const Xapian::Stem& stemmer, const Problems& problems) {
    Xapian::QueryParser parser;
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(query_parser_stemming);
    parser.set_stopper(&english_stopper());
    parser.set_database(db);
    parser.set_default_op(options.default_op);
    for (const auto& field : fields()) {
        const std::string name(field.name);
        if (field.kind == FieldKind::text) {
            parser.add_prefix(name, std::string(field.prefix));
        } else {
            parser.add_boolean_prefix(name, (new BooleanFieldProcessor(field))->release());
        }
    }
    const Date now = options.now ? *options.now : current_date();
    parser.add_boolean_prefix("date", (new DateFieldProcessor(now, problems))->release());
    parser.add_rangeprocessor((new DateRangeProcessor(now, problems))->release());
    parser.add_rangeprocessor((new OtherRangeProcessor(problems))->release());
    return parser;
}

}  // namespace byline
