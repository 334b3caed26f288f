/** @file
 *  @brief A page's main text, found as the best extractors find it.
 *
 *  Four steps, each after one of the anchors:
 *  1. Boilerplate out (trafilatura, Readability's "unlikely candidates"): elements that
 *     are never text (scripts, navigation, forms) and blocks whose class or id names
 *     comments, share bars, related links, newsletters and the like, unless they hold
 *     most of the page's paragraph text.
 *  2. Scoring (Readability): each paragraph of 25 characters or more scores one, plus
 *     its commas, plus one per 100 characters (at most three), added to its parent,
 *     half to its grandparent and less further up; a block's score is then weighed by
 *     its tag and class words and cut by its link density. The best block, with its
 *     siblings that score nearly as well or read as prose, is the article.
 *  3. Cleaning (Readability's conditional cleaning, trafilatura's and boilerpipe's
 *     line cues): inside the article, lists, tables and divisions that are mostly
 *     links, forms or images go; so do the headline and bylines and datelines repeating
 *     the page's metadata, "Read more" lines, runs of link-only lines and what follows
 *     a "More stories" heading, and labels at either end ("Tags:", "0 Comments").
 *  4. Structured data first: a JSON-LD articleBody that is not a teaser (much shorter
 *     than the scored text) keeps the page's paragraphs that it holds, in their order
 *     and with their breaks; when they hold too little of it, the articleBody itself
 *     is the text.
 */
#include "ingest/main_text.h"

#include <byline/date.h>

#include "ingest/libxml.h"
#include "text.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

namespace byline {

namespace {

// ---- what tags and class words say ----------------------------------------------------

template <std::size_t N>
bool is_one_of(std::string_view name, const std::array<std::string_view, N>& names) {
    return std::find(names.begin(), names.end(), name) != names.end();
}

/// Elements that never hold an article's text.
bool is_never_text(std::string_view name) {
    constexpr std::array<std::string_view, 15> names = {
        "script", "style", "noscript", "template", "svg",    "iframe",     "object", "embed",
        "select", "head",  "canvas",   "textarea", "button", "figcaption", "picture"};
    return is_one_of(name, names);
}

/// Page furniture around an article: left out unless it holds most of the page's text
/// (some sites wrap the whole page in a <form>).
bool is_page_furniture(std::string_view name) {
    constexpr std::array<std::string_view, 7> names = {"nav",  "header", "footer", "aside",
                                                       "form", "menu",   "dialog"};
    return is_one_of(name, names);
}

bool is_block(std::string_view name) {
    constexpr std::array<std::string_view, 31> names = {
        "p",     "div",     "section", "article", "main",   "h1",      "h2",         "h3",
        "h4",    "h5",      "h6",      "li",      "ul",     "ol",      "blockquote", "pre",
        "table", "tr",      "td",      "th",      "dd",     "dt",      "dl",         "figcaption",
        "hr",    "address", "br",      "figure",  "center", "details", "summary"};
    return is_one_of(name, names);
}

/// Whether any of `words` occurs in the lower-cased class and id.
template <std::size_t N>
bool mentions(std::string_view class_and_id, const std::array<std::string_view, N>& words) {
    for (const auto word : words) {
        if (class_and_id.find(word) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

/// Class and id words of blocks that are never the article (trafilatura's and
/// Readability's lists, as substrings).
bool names_boilerplate(std::string_view class_and_id) {
    constexpr std::array<std::string_view, 44> words = {
        "comment",    "disqus",    "share",      "sharing",      "social",       "related",
        "newsletter", "cookie",    "consent",    "gdpr",         "promo",        "outbrain",
        "taboola",    "sponsor",   "breadcrumb", "subscribe",    "popup",        "modal",
        "recirc",     "read-more", "readmore",   "more-stories", "most-popular", "trending",
        "paywall",    "sidebar",   "skyscraper", "advert",       "banner",       "signup",
        "sign-up",    "masthead",  "menu",       "footer",       "byline",       "author-bio",
        "caption",    "credit",    "toolbar",    "pagination",   "pager",        "widget",
        "tags",       "recommend"};
    return mentions(class_and_id, words);
}

/// Readability's class weight: +25 for words of content, -25 for words of boilerplate.
int class_weight(std::string_view class_and_id) {
    constexpr std::array<std::string_view, 25> negative = {
        "-ad-",     "hidden", "banner",   "combx",    "comment", "com-",       "contact",
        "footer",   "gdpr",   "masthead", "media",    "meta",    "outbrain",   "promo",
        "related",  "scroll", "share",    "shoutbox", "sidebar", "skyscraper", "sponsor",
        "shopping", "tags",   "widget",   "social"};
    constexpr std::array<std::string_view, 14> positive = {
        "article", "body", "content", "entry", "hentry", "h-entry", "main",
        "page",    "post", "text",    "blog",  "story",  "prose",   "paragraph"};
    int weight = 0;
    if (mentions(class_and_id, negative)) {
        weight -= 25;
    }
    if (mentions(class_and_id, positive)) {
        weight += 25;
    }
    return weight;
}

/// Readability's head start for a block by its tag.
int tag_weight(std::string_view name) {
    if (name == "div" || name == "article" || name == "main") {
        return 5;
    }
    if (name == "pre" || name == "td" || name == "blockquote") {
        return 3;
    }
    if (name == "address" || name == "ol" || name == "ul" || name == "dl" || name == "dd" ||
        name == "dt" || name == "li" || name == "form") {
        return -3;
    }
    if (name.size() == 2 && (name[0] == 'h' || name == "th")) {
        return -5;
    }
    return 0;
}

// ---- what the extractor knows of each element ----------------------------------------

struct NodeFacts {
    std::string name;
    std::string class_and_id;
    /// Characters of text below, white space runs counted once; of it, inside links.
    std::size_t text = 0;
    std::size_t link_text = 0;
    std::size_t commas = 0;
    std::size_t paragraphs = 0;
    std::size_t images = 0;
    std::size_t inputs = 0;
    std::size_t embeds = 0;
    /// Characters of text in <p> elements below: what "most of the page" is measured in.
    std::size_t paragraph_text = 0;
    /// Has block children: a <div> without any reads as a paragraph.
    bool has_blocks = false;
    /// Never text, whatever the pass: a script, a hidden block.
    bool never_text = false;
    /// Left out in this pass.
    bool dropped = false;
    bool candidate = false;
    double score = 0;

    [[nodiscard]] double link_density() const {
        return text == 0 ? 0 : static_cast<double>(link_text) / static_cast<double>(text);
    }
};

/// Which boilerplate to strip: the first pass strips the most; when that leaves too
/// little text, the page is read again with less (as Readability does).
struct Strictness {
    bool strip_named_boilerplate = true;
    bool weigh_classes = true;
    bool clean_conditionally = true;
};

/// The elements of a page with what the extractor knows of each, measured once and
/// read in passes of different strictness. Each element finds its facts through its
/// `_private` field, which libxml2 leaves to the application: no hashing per lookup.
class Page {
  public:
    explicit Page(xmlNode* root) : root_(root) {
        facts_.reserve(4096);
        measure(root, false);
        const auto& top = facts_of(root);
        page_paragraph_text_ = top == nullptr ? 0 : top->paragraph_text;
    }
    ~Page() {
        for (auto& facts : facts_) {
            facts.node->_private = nullptr;
        }
    }
    Page(const Page&) = delete;
    Page& operator=(const Page&) = delete;

    [[nodiscard]] NodeFacts* facts_of(const xmlNode* node) {
        if (node == nullptr || node->_private == nullptr) {
            return nullptr;
        }
        const auto index = reinterpret_cast<std::uintptr_t>(node->_private) - 1;
        return &facts_[index].facts;
    }

    /// Starts a pass: no scores, and boilerplate left out as `strictness` says.
    void start_pass(Strictness strictness) {
        strictness_ = strictness;
        for (auto& entry : facts_) {
            entry.facts.dropped = entry.facts.never_text;
            entry.facts.candidate = false;
            entry.facts.score = 0;
        }
        drop_boilerplate(root_);
    }

    /// The block that holds the article, and its siblings that belong with it.
    std::vector<xmlNode*> article_blocks();
    [[nodiscard]] const Strictness& strictness() const { return strictness_; }

  private:
    struct Entry {
        xmlNode* node;
        NodeFacts facts;
    };

    /// Fills in the facts of `node`, its following siblings and everything below them,
    /// bottom up.
    void measure(xmlNode* node, bool in_link);
    void drop_boilerplate(xmlNode* node);
    void score_paragraphs(xmlNode* node);
    NodeFacts& facts_for(xmlNode* node) {
        if (node->_private == nullptr) {
            facts_.push_back({node, {}});
            node->_private = reinterpret_cast<void*>(static_cast<std::uintptr_t>(facts_.size()));
        }
        return facts_[reinterpret_cast<std::uintptr_t>(node->_private) - 1].facts;
    }
    void initialise_candidate(NodeFacts& facts) const {
        if (!facts.candidate) {
            facts.candidate = true;
            facts.score = tag_weight(facts.name) +
                          (strictness_.weigh_classes ? class_weight(facts.class_and_id) : 0);
        }
    }

    xmlNode* root_;
    Strictness strictness_;
    std::vector<Entry> facts_;
    std::size_t page_paragraph_text_ = 0;
};

/// Characters of text, a run of white space counted as one, a UTF-8 sequence as one.
std::size_t text_length(const char* text) {
    std::size_t length = 0;
    bool in_space = true;
    for (const char* c = text; *c != '\0'; ++c) {
        const auto byte = static_cast<unsigned char>(*c);
        if (byte == ' ' || byte == '\n' || byte == '\t' || byte == '\r') {
            if (!in_space) {
                ++length;
            }
            in_space = true;
        } else {
            in_space = false;
            if ((byte & 0xC0) != 0x80) {
                ++length;
            }
        }
    }
    return length;
}

void Page::measure(xmlNode* node, bool in_link) {
    for (xmlNode* child = node; child != nullptr; child = child->next) {
        if (child->type != XML_ELEMENT_NODE) {
            continue;
        }
        std::string name = to_lower(xml_name(child));
        const bool link = in_link || name == "a";
        // Facts are looked up again after the recursion: measuring the children may
        // grow (and move) the table.
        {
            auto& facts = facts_for(child);
            facts.name = std::move(name);
            facts.class_and_id =
                to_lower(xml_attribute(child, "class") + " " + xml_attribute(child, "id"));
            if (is_never_text(facts.name) ||
                xmlHasProp(child, reinterpret_cast<const xmlChar*>("hidden")) != nullptr ||
                xml_attribute(child, "aria-hidden") == "true") {
                facts.never_text = true;
                facts.dropped = true;
                continue;
            }
        }
        measure(child->children, link);
        NodeFacts totals;
        for (xmlNode* grandchild = child->children; grandchild != nullptr;
             grandchild = grandchild->next) {
            if (grandchild->type == XML_TEXT_NODE || grandchild->type == XML_CDATA_SECTION_NODE) {
                if (grandchild->content != nullptr) {
                    const auto* text = reinterpret_cast<const char*>(grandchild->content);
                    const auto length = text_length(text);
                    totals.text += length;
                    totals.link_text += link ? length : 0;
                    totals.commas += static_cast<std::size_t>(
                        std::count(text, text + std::char_traits<char>::length(text), ','));
                }
                continue;
            }
            const auto* below = facts_of(grandchild);
            if (below == nullptr || below->dropped) {
                continue;
            }
            totals.text += below->text;
            totals.link_text += below->link_text;
            totals.commas += below->commas;
            totals.paragraphs += below->paragraphs;
            totals.images += below->images;
            totals.inputs += below->inputs;
            totals.embeds += below->embeds;
            totals.paragraph_text += below->paragraph_text;
            totals.has_blocks = totals.has_blocks || is_block(below->name);
        }
        auto& facts = *facts_of(child);
        facts.text = totals.text;
        facts.link_text = totals.link_text;
        facts.commas = totals.commas;
        facts.paragraphs = totals.paragraphs + (facts.name == "p" ? 1 : 0);
        facts.images = totals.images + (facts.name == "img" ? 1 : 0);
        facts.inputs = totals.inputs + (facts.name == "input" ? 1 : 0);
        facts.embeds = totals.embeds + (facts.name == "video" || facts.name == "audio" ? 1 : 0);
        facts.paragraph_text = facts.name == "p" ? facts.text : totals.paragraph_text;
        facts.has_blocks = totals.has_blocks;
    }
}

void Page::drop_boilerplate(xmlNode* node) {
    for (xmlNode* child = node; child != nullptr; child = child->next) {
        auto* facts = facts_of(child);
        if (facts == nullptr || facts->dropped) {
            continue;
        }
        const auto& words = facts->class_and_id;
        const bool structural = facts->name == "body" || facts->name == "html" ||
                                facts->name == "article" || facts->name == "main";
        // A block holding most of the page's paragraphs is the article whatever its
        // class says ("article-body social-enabled").
        const bool holds_most = facts->paragraph_text * 2 > page_paragraph_text_;
        if (is_page_furniture(facts->name) && !holds_most) {
            facts->dropped = true;
            continue;
        }
        if (strictness_.strip_named_boilerplate && !structural && !holds_most && words.size() > 1 &&
            names_boilerplate(words)) {
            facts->dropped = true;
            continue;
        }
        const auto role = xml_attribute(child, "role");
        if (role == "navigation" || role == "banner" || role == "contentinfo" ||
            role == "complementary" || role == "dialog") {
            facts->dropped = true;
            continue;
        }
        drop_boilerplate(child->children);
    }
}

/// Whether an element is scored as a paragraph.
bool scores_as_paragraph(const NodeFacts& facts) {
    const auto& name = facts.name;
    return name == "p" || name == "pre" || name == "td" || name == "blockquote" ||
           (name.size() == 2 && name[0] == 'h' && name[1] >= '2' && name[1] <= '6') ||
           ((name == "div" || name == "section") && !facts.has_blocks);
}

void Page::score_paragraphs(xmlNode* node) {
    for (xmlNode* child = node; child != nullptr; child = child->next) {
        auto* facts = facts_of(child);
        if (facts == nullptr || facts->dropped) {
            continue;
        }
        constexpr std::size_t shortest_paragraph = 25;
        if (scores_as_paragraph(*facts)) {
            if (facts->text < shortest_paragraph) {
                continue;
            }
            const double score = 1.0 + static_cast<double>(facts->commas) +
                                 std::min(static_cast<double>(facts->text / 100), 3.0);
            // Parent, grandparent and three more levels, each taking less.
            xmlNode* ancestor = child->parent;
            for (int level = 0;
                 level < 5 && ancestor != nullptr && ancestor->type == XML_ELEMENT_NODE;
                 ++level, ancestor = ancestor->parent) {
                auto* ancestor_facts = facts_of(ancestor);
                if (ancestor_facts == nullptr) {
                    break;
                }
                initialise_candidate(*ancestor_facts);
                const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
                ancestor_facts->score += score / divider;
            }
            continue;  // Paragraphs inside paragraphs are counted once.
        }
        score_paragraphs(child->children);
    }
}

std::vector<xmlNode*> Page::article_blocks() {
    xmlNode* root = root_;
    score_paragraphs(root);
    std::vector<xmlNode*> candidates;
    for (auto& entry : facts_) {
        if (entry.facts.candidate) {
            entry.facts.score *= 1.0 - entry.facts.link_density();
            candidates.push_back(entry.node);
        }
    }
    if (candidates.empty()) {
        return {root};
    }
    const auto by_score = [this](const xmlNode* a, const xmlNode* b) {
        return facts_of(a)->score > facts_of(b)->score;
    };
    constexpr std::size_t alternatives_considered = 5;
    const auto ranked = std::min(candidates.size(), alternatives_considered);
    std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(ranked),
                      candidates.end(), by_score);
    xmlNode* top = candidates.front();
    const double top_score = facts_of(top)->score;

    // When several near-best blocks share an ancestor, the article is that ancestor
    // (a story split into several containers).
    std::vector<xmlNode*> close;
    for (std::size_t i = 1; i < ranked; ++i) {
        if (facts_of(candidates[i])->score >= 0.75 * top_score) {
            close.push_back(candidates[i]);
        }
    }
    constexpr std::size_t enough_alternatives = 3;
    if (close.size() >= enough_alternatives) {
        for (xmlNode* ancestor = top->parent;
             ancestor != nullptr && ancestor->type == XML_ELEMENT_NODE &&
             to_lower(xml_name(ancestor)) != "body";
             ancestor = ancestor->parent) {
            std::size_t containing = 0;
            for (const xmlNode* alternative : close) {
                for (const xmlNode* up = alternative; up != nullptr; up = up->parent) {
                    if (up == ancestor) {
                        ++containing;
                        break;
                    }
                }
            }
            if (containing >= enough_alternatives) {
                top = ancestor;
                initialise_candidate(*facts_of(top));
                break;
            }
        }
    }
    // Up while the parent scores better: the paragraphs were spread over children.
    {
        double last_score = facts_of(top)->score;
        const double threshold = last_score / 3;
        for (xmlNode* parent = top->parent; parent != nullptr && parent->type == XML_ELEMENT_NODE &&
                                            to_lower(xml_name(parent)) != "body";
             parent = parent->parent) {
            const auto* parent_facts = facts_of(parent);
            if (parent_facts == nullptr || !parent_facts->candidate) {
                continue;
            }
            if (parent_facts->score < threshold) {
                break;
            }
            if (parent_facts->score > last_score) {
                top = parent;
                break;
            }
            last_score = parent_facts->score;
        }
    }
    // An only child says no more than its parent.
    while (top->parent != nullptr && top->parent->type == XML_ELEMENT_NODE &&
           to_lower(xml_name(top->parent)) != "body" && xmlChildElementCount(top->parent) == 1) {
        top = top->parent;
        initialise_candidate(*facts_of(top));
    }

    // Siblings that score nearly as well, or read as prose, belong to the article.
    const auto* top_facts = facts_of(top);
    const double sibling_threshold = std::max(10.0, top_facts->score * 0.2);
    std::vector<xmlNode*> blocks;
    if (top->parent == nullptr || top->parent->type != XML_ELEMENT_NODE) {
        return {top};
    }
    for (xmlNode* sibling = top->parent->children; sibling != nullptr; sibling = sibling->next) {
        const auto* facts = facts_of(sibling);
        if (sibling == top) {
            blocks.push_back(sibling);
            continue;
        }
        if (facts == nullptr || facts->dropped) {
            continue;
        }
        double bonus = 0;
        if (!top_facts->class_and_id.empty() && facts->class_and_id == top_facts->class_and_id &&
            xml_attribute(sibling, "class") != "") {
            bonus = top_facts->score * 0.2;
        }
        if (facts->candidate && facts->score + bonus >= sibling_threshold) {
            blocks.push_back(sibling);
        } else if (facts->name == "p" || (facts->name == "div" && !facts->has_blocks)) {
            constexpr std::size_t long_paragraph = 80;
            const double density = facts->link_density();
            const auto text = facts->text;
            if (text > long_paragraph && density < 0.25) {
                blocks.push_back(sibling);
            } else if (text > 0 && text <= long_paragraph && density == 0) {
                const auto words = collapse_space(xml_text(sibling));
                if (words.find(". ") != std::string::npos || words.ends_with('.')) {
                    blocks.push_back(sibling);
                }
            }
        }
    }
    return blocks;
}

// ---- the text ------------------------------------------------------------------------

/// Readability's conditional cleaning: whether a list, table or division inside the
/// article is furniture (mostly links, images or form fields) rather than text.
bool is_furniture(const NodeFacts& facts, const Strictness& strictness) {
    if (!strictness.clean_conditionally) {
        return false;
    }
    const auto& name = facts.name;
    const bool cleanable = name == "div" || name == "section" || name == "ul" || name == "ol" ||
                           name == "table" || name == "dl" || name == "fieldset";
    if (!cleanable) {
        return false;
    }
    const int weight = strictness.weigh_classes ? class_weight(facts.class_and_id) : 0;
    if (weight + (facts.candidate ? facts.score : 0) < 0) {
        return true;
    }
    constexpr std::size_t commas_of_prose = 10;
    if (facts.commas >= commas_of_prose) {
        return false;
    }
    const double density = facts.link_density();
    const bool is_list = name == "ul" || name == "ol";
    const auto paragraphs = static_cast<double>(facts.paragraphs);
    const auto images = static_cast<double>(facts.images);
    return (facts.images > 1 && paragraphs / images < 0.5) ||
           static_cast<double>(facts.inputs) > std::floor(paragraphs / 3) ||
           (!is_list && facts.text < 25 && (facts.images == 0 || facts.images > 2) &&
            density > 0) ||
           (weight < 25 && density > (is_list ? 0.5 : 0.2)) || (weight >= 25 && density > 0.5) ||
           (facts.embeds == 1 && facts.text < 75) || facts.embeds > 1;
}

std::size_t word_count(std::string_view text) {
    std::size_t words = 0;
    bool in_word = false;
    for (const char c : text) {
        const bool word_char = static_cast<unsigned char>(c) >= 0x80 || std::isalnum(c) != 0;
        if (word_char && !in_word) {
            ++words;
        }
        in_word = word_char;
    }
    return words;
}

/// A paragraph of the output, with what the density cues need.
struct Paragraph {
    std::string text;
    std::size_t link_text = 0;
    std::size_t all_text = 0;
    std::size_t words = 0;
};

/// Gathers the text of the chosen blocks: paragraphs at block boundaries, white space
/// collapsed, dropped and furniture elements left out.
class TextCollector {
  public:
    TextCollector(Page* page, bool prune) : page_(page), prune_(prune) {}

    /// The text of one chosen block, which is never pruned itself.
    void collect_block(const xmlNode* block) {
        end_paragraph();
        collect(block->children, xml_name(block) == "a");
        end_paragraph();
    }

    std::vector<Paragraph> take() {
        end_paragraph();
        return std::move(paragraphs_);
    }

  private:
    /// `node` and its following siblings.
    void collect(const xmlNode* node, bool in_link) {
        for (const xmlNode* child = node; child != nullptr; child = child->next) {
            if (child->type == XML_TEXT_NODE || child->type == XML_CDATA_SECTION_NODE) {
                if (child->content != nullptr) {
                    const auto* text = reinterpret_cast<const char*>(child->content);
                    current_.text += text;
                    const auto length = text_length(text);
                    current_.all_text += length;
                    current_.link_text += in_link ? length : 0;
                }
                continue;
            }
            if (child->type != XML_ELEMENT_NODE) {
                continue;
            }
            const auto* facts = page_->facts_of(child);
            if (facts == nullptr || facts->dropped ||
                (prune_ && is_furniture(*facts, page_->strictness()))) {
                continue;
            }
            const bool block = is_block(facts->name);
            if (block) {
                end_paragraph();
            }
            collect(child->children, in_link || facts->name == "a");
            if (block) {
                end_paragraph();
            }
        }
    }

    void end_paragraph() {
        current_.text = collapse_space(current_.text);
        current_.words = word_count(current_.text);
        if (!current_.text.empty()) {
            paragraphs_.push_back(std::move(current_));
        }
        current_ = {};
    }

    Page* page_;
    bool prune_;
    Paragraph current_;
    std::vector<Paragraph> paragraphs_;
};

bool starts_with_any(std::string_view lowered, std::initializer_list<std::string_view> prefixes) {
    return std::any_of(prefixes.begin(), prefixes.end(),
                       [lowered](std::string_view prefix) { return lowered.starts_with(prefix); });
}

/// Lines that repeat the page's metadata or point elsewhere: bylines, datelines,
/// "Read more" and link-only lines (trafilatura's and boilerpipe's cues).
bool is_boilerplate_line(const Paragraph& paragraph, const ArticleHints& hints) {
    const auto words = paragraph.words;
    constexpr std::size_t pointer_line_words = 25;
    if (words > pointer_line_words) {
        return false;  // Prose.
    }
    const auto lowered = to_lower(paragraph.text);
    constexpr std::size_t short_line_words = 12;
    const double density = paragraph.all_text == 0 ? 0
                                                   : static_cast<double>(paragraph.link_text) /
                                                         static_cast<double>(paragraph.all_text);
    if (words <= short_line_words) {
        if (starts_with_any(lowered, {"by ", "written by", "posted by", "published ", "updated ",
                                      "last updated", "posted on", "photo:", "image:", "credit:",
                                      "source:", "advertisement", "advert", "share this",
                                      "share on", "follow us", "sign up"})) {
            return true;
        }
        if (hints.authors != nullptr) {
            for (const auto& author : *hints.authors) {
                if (!author.empty() && lowered.find(to_lower(author)) != std::string::npos) {
                    return true;
                }
            }
        }
        if (parse_date(paragraph.text)) {
            return true;
        }
    }
    if (density > 0 && starts_with_any(lowered, {"read more", "read also", "also read", "related:",
                                                 "related ", "see also", "more:", "recommended",
                                                 "read next", "click here", "watch:", "listen:"})) {
        return true;
    }
    return false;
}

/// A short line that introduces links to other pages ("More great stories", "You may
/// also like"): it goes, and so do the link-dense lines after it.
bool is_pointer_heading(const Paragraph& paragraph) {
    constexpr std::size_t heading_words = 8;
    if (paragraph.words > heading_words) {
        return false;
    }
    const auto lowered = to_lower(paragraph.text);
    return starts_with_any(
        lowered, {"more great",     "more stories",    "more from",        "you may also",
                  "you might also", "you may like",    "don't miss",       "dont miss",
                  "see more",       "related stories", "related articles", "recommended for you",
                  "most popular",   "popular posts",   "trending",         "continue reading",
                  "subscribe",      "follow us",       "join our",         "tags:",
                  "comments",       "post a comment",  "leave a comment",  "leave a reply"});
}

double link_density(const Paragraph& paragraph) {
    return paragraph.all_text == 0
               ? 0
               : static_cast<double>(paragraph.link_text) / static_cast<double>(paragraph.all_text);
}

/// A line that reads as a label rather than text: a few words (a few characters, in
/// scripts written without spaces), no sentence ending.
bool is_label(const Paragraph& paragraph) {
    constexpr std::size_t label_words = 3;
    constexpr std::size_t label_characters = 30;
    const auto& text = paragraph.text;
    return paragraph.words <= label_words && paragraph.all_text <= label_characters &&
           !text.ends_with('.') && !text.ends_with('?') && !text.ends_with('!') &&
           !text.ends_with('"') && !text.ends_with("。");
}

std::string join_paragraphs(const std::vector<std::string>& paragraphs) {
    std::string text;
    for (const auto& paragraph : paragraphs) {
        if (!text.empty()) {
            text += "\n\n";
        }
        text += paragraph;
    }
    return text;
}

std::vector<std::string> clean_lines(std::vector<Paragraph> paragraphs, const ArticleHints& hints) {
    std::vector<Paragraph*> kept;
    bool after_pointer_heading = false;
    for (std::size_t i = 0; i < paragraphs.size(); ++i) {
        auto& paragraph = paragraphs[i];
        constexpr double linked = 0.5;
        if (is_pointer_heading(paragraph) ||
            (after_pointer_heading && link_density(paragraph) > linked)) {
            after_pointer_heading = true;
            continue;
        }
        after_pointer_heading = false;
        if (paragraph.words == 0 || is_boilerplate_line(paragraph, hints) ||
            (kept.empty() && !hints.title.empty() &&
             to_lower(paragraph.text) == to_lower(hints.title))) {
            continue;
        }
        // Link-dense lines in a run are a list of other pages (related stories, tags);
        // one alone is part of the text (a quoted post's attribution, a source).
        constexpr double link_dense = 0.8;
        const auto dense = [&](std::size_t at) {
            return at < paragraphs.size() && link_density(paragraphs[at]) > link_dense;
        };
        if (dense(i) && ((i > 0 && dense(i - 1)) || dense(i + 1))) {
            continue;
        }
        kept.push_back(&paragraph);
    }
    // Labels at either end ("Tags:", "0 Comments", a section name) are the page's, not
    // the article's (boilerpipe: short blocks next to boilerplate are boilerplate).
    std::size_t first = 0;
    std::size_t last = kept.size();
    while (first < last && is_label(*kept[first])) {
        ++first;
    }
    while (last > first && is_label(*kept[last - 1])) {
        --last;
    }
    if (first == last) {
        first = 0;  // Nothing but short lines: a short text, not labels around one.
        last = kept.size();
    }
    std::vector<std::string> lines;
    for (std::size_t i = first; i < last; ++i) {
        lines.push_back(std::move(kept[i]->text));
    }
    return lines;
}

/// Lower-cased words joined by single spaces: text compared whatever its markup.
std::string normalised_words(std::string_view text) {
    std::string words;
    bool gap = false;
    for (const char c : text) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || std::isalnum(byte) != 0) {
            if (gap && !words.empty()) {
                words += ' ';
            }
            gap = false;
            words += static_cast<char>(std::tolower(byte));
        } else {
            gap = true;
        }
    }
    return words;
}

/// The page's paragraphs that the articleBody holds, in page order; empty when they
/// hold too little of it to stand for it.
std::optional<std::vector<std::string>> paragraphs_in_body(
    const std::vector<Paragraph>& page_paragraphs, std::string_view structured_body) {
    std::string body = " ";
    body += normalised_words(structured_body);
    body += ' ';
    std::vector<std::string> kept;
    std::unordered_set<std::string> seen;
    std::size_t covered = 0;
    for (const auto& paragraph : page_paragraphs) {
        // Whole words only, and not so few that they could come from anywhere.
        constexpr std::size_t fewest_words = 3;
        if (paragraph.words < fewest_words) {
            continue;
        }
        const auto words = normalised_words(paragraph.text);
        std::string whole_words = " ";
        whole_words += words;
        whole_words += ' ';
        if (body.find(whole_words) == std::string::npos || !seen.insert(words).second) {
            continue;
        }
        covered += words.size();
        kept.push_back(paragraph.text);
    }
    constexpr double enough_coverage = 0.8;
    if (static_cast<double>(covered) < enough_coverage * static_cast<double>(body.size())) {
        return std::nullopt;
    }
    return kept;
}

/// The articleBody's own text, its line breaks as paragraph breaks.
std::string structured_body_text(std::string_view body) {
    std::vector<std::string> paragraphs;
    std::size_t begin = 0;
    while (begin <= body.size()) {
        auto end = body.find('\n', begin);
        if (end == std::string_view::npos) {
            end = body.size();
        }
        if (auto line = collapse_space(body.substr(begin, end - begin)); !line.empty()) {
            paragraphs.push_back(std::move(line));
        }
        begin = end + 1;
    }
    return join_paragraphs(paragraphs);
}

std::vector<Paragraph> collect(Page& page, const std::vector<xmlNode*>& blocks, bool prune) {
    TextCollector collector(&page, prune);
    for (const xmlNode* block : blocks) {
        collector.collect_block(block);
    }
    return collector.take();
}

std::size_t total_length(const std::vector<std::string>& paragraphs) {
    std::size_t length = 0;
    for (const auto& paragraph : paragraphs) {
        length += paragraph.size();
    }
    return length;
}

/// Readability gives up on a strict pass that keeps less than this many characters.
constexpr std::size_t enough_text = 250;

}  // namespace

std::string page_main_text(xmlNode* root, const ArticleHints& hints) {
    constexpr std::array<Strictness, 3> passes = {Strictness{true, true, true},
                                                  Strictness{false, true, true},
                                                  Strictness{false, false, false}};
    Page page(root);
    std::vector<std::string> best;
    for (const auto& strictness : passes) {
        page.start_pass(strictness);
        const auto blocks = page.article_blocks();
        auto lines = clean_lines(collect(page, blocks, true), hints);
        if (total_length(lines) > total_length(best)) {
            best = std::move(lines);
        }
        if (total_length(best) >= enough_text) {
            break;
        }
    }
    constexpr std::size_t shortest_plausible_body = 200;
    const auto body_words = word_count(hints.structured_body);
    const auto scored_words = word_count(join_paragraphs(best));
    // A body much shorter than the page's article is a teaser or cut short.
    constexpr double teaser_share = 0.6;
    if (hints.structured_body.size() < shortest_plausible_body ||
        static_cast<double>(body_words) < teaser_share * static_cast<double>(scored_words)) {
        return join_paragraphs(best);
    }
    // Every paragraph of the page, checked against the body.
    page.start_pass(Strictness{false, false, false});
    if (auto kept = paragraphs_in_body(collect(page, {root}, false), hints.structured_body)) {
        return join_paragraphs(*kept);
    }
    return structured_body_text(hints.structured_body);
}

std::string fragment_main_text(xmlNode* root) {
    Page page(root);
    page.start_pass(Strictness{});
    auto lines = clean_lines(collect(page, {root}, false), ArticleHints{});
    if (lines.empty()) {
        // Nothing but boilerplate-looking markup: the fragment as it is.
        page.start_pass(Strictness{false, false, false});
        lines = clean_lines(collect(page, {root}, false), ArticleHints{});
    }
    return join_paragraphs(lines);
}

std::string markup_text(xmlNode* root) {
    Page page(root);
    page.start_pass(Strictness{false, false, false});
    std::vector<std::string> lines;
    for (auto& paragraph : collect(page, {root}, false)) {
        lines.push_back(std::move(paragraph.text));
    }
    return join_paragraphs(lines);
}

}  // namespace byline
