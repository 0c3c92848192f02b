// Satisfaction survey scoring (seed 004 §5.1.17): weights, N/A shared out, bands, validity.
#include <gtest/gtest.h>

#include "domain/survey/survey.h"

namespace fuwu::survey {
namespace {

Question scale(std::string key, std::int64_t weight_bp, int min = 1, int max = 4,
               bool allow_na = false) {
  Question q;
  q.key = std::move(key);
  q.text_zh = "问题";
  q.text_en = "Question";
  q.weight_bp = weight_bp;
  q.scale_min = min;
  q.scale_max = max;
  q.allow_na = allow_na;
  return q;
}

Question comment(std::string key) {
  Question q = scale(std::move(key), 0);
  q.kind = QuestionKind::comment;
  return q;
}

Answer value(std::string key, int v) {
  return {std::move(key), v, false, {}};
}
Answer na(std::string key) {
  return {std::move(key), std::nullopt, true, {}};
}

// The 湘计算机 questionnaire (seed 004 record 6.2): eight items, weights 0, .15, .15, .15, .2,
// .1 (training: "did not attend" is N/A), .1, .15; answers 1 不满意 .. 4 满意.
std::vector<Question> seed_questionnaire() {
  return {scale("products", 0),    scale("quality", 1500), scale("presales", 1500),
          scale("delivery", 1500), scale("onsite", 2000),  scale("training", 1000, 1, 4, true),
          scale("website", 1000),  scale("overall", 1500), comment("remarks")};
}

bool has_field(const Status& s, std::string_view field, std::string_view code) {
  for (const auto& f : s.error().fields)
    if (f.field == field && f.code == code) return true;
  return false;
}

TEST(SurveyTemplate, SeedWeightsSumToExactlyOne) {
  EXPECT_EQ(weight_sum(seed_questionnaire()), kBasisPoints);
  EXPECT_TRUE(validate_questions(seed_questionnaire()).ok());
}

TEST(SurveyTemplate, WeightsNotSummingToOneNameTheSum) {
  auto qs = seed_questionnaire();
  qs[7].weight_bp = 1000;  // overall .10 instead of .15: sum .95
  const auto s = validate_questions(qs);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().code, ErrorCode::validation_failed);
  EXPECT_TRUE(has_field(s, "/questions", "weights_sum"));
  EXPECT_NE(s.error().message.find("0.95"), std::string::npos) << s.error().message;
  qs[7].weight_bp = 2000;  // 1.05
  const auto over = validate_questions(qs);
  EXPECT_NE(over.error().message.find("1.05"), std::string::npos) << over.error().message;
}

TEST(SurveyTemplate, WeightTextIsExact) {
  EXPECT_EQ(weight_text(10000), "1.00");
  EXPECT_EQ(weight_text(9500), "0.95");
  EXPECT_EQ(weight_text(9999), "0.9999");
  EXPECT_EQ(weight_text(333), "0.0333");
  EXPECT_EQ(weight_text(0), "0.00");
}

TEST(SurveyTemplate, ThirdsCannotDriftIntoOne) {
  // 1/3 three times is not expressible; 3333 + 3333 + 3334 is, and sums exactly.
  std::vector<Question> qs{scale("a", 3333), scale("b", 3333), scale("c", 3333)};
  EXPECT_FALSE(validate_questions(qs).ok());
  qs[2].weight_bp = 3334;
  EXPECT_TRUE(validate_questions(qs).ok());
}

TEST(SurveyTemplate, BadQuestionsAreFieldErrors) {
  std::vector<Question> qs{scale("Bad Key", 5000), scale("dup", 2500), scale("dup", 2500)};
  qs[1].text_zh.clear();
  qs[2].scale_min = 3;
  qs[2].scale_max = 3;
  auto c = comment("note");
  c.weight_bp = 10;
  qs.push_back(c);
  auto labels = scale("labelled", 0, 1, 3);
  labels.labels_zh = {"差", "好"};
  qs.push_back(labels);
  const auto s = validate_questions(qs);
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(has_field(s, "/questions/0/key", "invalid_format"));
  EXPECT_TRUE(has_field(s, "/questions/1/text_zh", "required"));
  EXPECT_TRUE(has_field(s, "/questions/2/key", "duplicate"));
  EXPECT_TRUE(has_field(s, "/questions/2/scale_max", "out_of_range"));
  EXPECT_TRUE(has_field(s, "/questions/3/weight_bp", "not_allowed"));
  EXPECT_TRUE(has_field(s, "/questions/4/labels_zh", "invalid_format"));
  EXPECT_FALSE(has_field(s, "/questions", "weights_sum"));  // reported once the rest is right
  EXPECT_TRUE(has_field(validate_questions({}), "/questions", "required"));
  EXPECT_TRUE(has_field(validate_questions({comment("only")}), "/questions", "required"));
  auto wide = scale("wide", 10000, 0, 11);
  EXPECT_TRUE(has_field(validate_questions({wide}), "/questions/0/scale_max", "out_of_range"));
  auto heavy = scale("heavy", 10001);
  EXPECT_TRUE(has_field(validate_questions({heavy}), "/questions/0/weight_bp", "out_of_range"));
}

TEST(SurveyScore, AllTopMarksIsOneHundredPercent) {
  std::vector<Answer> a{value("products", 1), value("quality", 4), value("presales", 4),
                        value("delivery", 4), value("onsite", 4),  value("training", 4),
                        value("website", 4),  value("overall", 4)};
  const auto s = score_response(seed_questionnaire(), a);
  ASSERT_TRUE(s.ok()) << s.error().message;
  EXPECT_EQ(s->value.num, 1);
  EXPECT_EQ(s->value.den, 1);
  EXPECT_DOUBLE_EQ(percent(s->value), 100.0);
  EXPECT_FALSE(s->redistributed());
}

TEST(SurveyScore, WeightedSumAsInTheSeed) {
  // 1–5 scale: s = (v − 1) / 4. S = .5·1 + .3·.5 + .2·0 = .65.
  std::vector<Question> qs{scale("a", 5000, 1, 5), scale("b", 3000, 1, 5), scale("c", 2000, 1, 5)};
  const auto s = score_response(qs, {value("a", 5), value("b", 3), value("c", 1)});
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(percent(s->value), 65.0);
  EXPECT_EQ(band_of(s->value), Band::moderately_satisfied);
}

TEST(SurveyScore, ZeroToTenScaleAndMixedScales) {
  // 0–10 with weight .4 answered 7 (.7); 1–4 with weight .6 answered 3 (2/3).
  // S = .28 + .4 = .68 exactly.
  std::vector<Question> qs{scale("nps", 4000, 0, 10), scale("service", 6000, 1, 4)};
  const auto s = score_response(qs, {value("nps", 7), value("service", 3)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(s->value.num * 100, 68 * s->value.den);
}

TEST(SurveyScore, NotApplicableWeightIsSharedProportionally) {
  // Training (.1) not attended: the other .9 carries the score. With 满意 everywhere else the
  // response is 100 %, not 90 %.
  std::vector<Answer> a{value("products", 2), value("quality", 4), value("presales", 4),
                        value("delivery", 4), value("onsite", 4),  na("training"),
                        value("website", 4),  value("overall", 4)};
  const auto s = score_response(seed_questionnaire(), a);
  ASSERT_TRUE(s.ok());
  EXPECT_DOUBLE_EQ(percent(s->value), 100.0);
  EXPECT_TRUE(s->redistributed());
  EXPECT_EQ(s->na_weight_bp, 1000);
  EXPECT_EQ(s->na_count, 1);
  EXPECT_EQ(s->answered_weight_bp, 9000);

  // Proportionally: a (.5) = 1.0, b (.3) = 0, c (.2) N/A → S = .5 / .8 = 62.5 %.
  std::vector<Question> qs{scale("a", 5000, 1, 5), scale("b", 3000, 1, 5),
                           scale("c", 2000, 1, 5, true)};
  const auto p = score_response(qs, {value("a", 5), value("b", 1), na("c")});
  ASSERT_TRUE(p.ok());
  EXPECT_DOUBLE_EQ(percent(p->value), 62.5);
}

TEST(SurveyScore, EveryWeightedQuestionNotApplicableHasNoScore) {
  std::vector<Question> qs{scale("a", 10000, 1, 5, true), scale("zero", 0, 1, 5)};
  const auto s = score_response(qs, {na("a"), value("zero", 5)});
  ASSERT_FALSE(s.ok());
  EXPECT_TRUE(has_field(Status(s.error()), "/answers", "no_score"));
}

TEST(SurveyScore, BadAnswersAreFieldErrors) {
  std::vector<Question> qs{scale("a", 5000, 1, 5), scale("b", 5000, 0, 10, true),
                           comment("remarks")};
  auto check = [&](std::vector<Answer> a, std::string_view field, std::string_view code) {
    const auto s = score_response(qs, a);
    ASSERT_FALSE(s.ok());
    EXPECT_TRUE(has_field(Status(s.error()), field, code)) << field << " " << code;
  };
  check({value("a", 6), value("b", 1)}, "/answers/a", "out_of_range");
  check({value("a", 0), value("b", 1)}, "/answers/a", "out_of_range");
  check({value("a", 3), value("b", 11)}, "/answers/b", "out_of_range");
  check({value("a", 3), value("b", -1)}, "/answers/b", "out_of_range");
  check({na("a"), value("b", 1)}, "/answers/a", "not_allowed");
  check({value("a", 3)}, "/answers/b", "required");
  check({value("a", 3), value("b", 2), value("zzz", 1)}, "/answers/zzz", "unknown_field");
  check({value("a", 3), value("a", 4), value("b", 2)}, "/answers/a", "duplicate");
  check({value("a", 3), value("b", 2), value("remarks", 3)}, "/answers/remarks", "not_allowed");
  Answer both = value("b", 2);
  both.not_applicable = true;
  check({value("a", 3), both}, "/answers/b", "invalid_format");
  Answer longer{"remarks", std::nullopt, false, std::string(2001, 'x')};
  check({value("a", 3), value("b", 2), longer}, "/answers/remarks", "too_long");
  // Boundaries of the scale are inside it; comments are optional.
  EXPECT_TRUE(score_response(qs, {value("a", 1), value("b", 10)}).ok());
  EXPECT_TRUE(score_response(qs, {value("a", 5), value("b", 0)}).ok());
}

TEST(SurveyBand, BoundariesExactlyAsStated) {
  EXPECT_EQ(band_of({85, 100}), Band::satisfied);
  EXPECT_EQ(band_of({1, 1}), Band::satisfied);
  EXPECT_EQ(band_of({8499999, 10000000}), Band::fairly_satisfied);
  EXPECT_EQ(band_of({70, 100}), Band::fairly_satisfied);
  EXPECT_EQ(band_of({6999, 10000}), Band::moderately_satisfied);
  EXPECT_EQ(band_of({60, 100}), Band::moderately_satisfied);
  EXPECT_EQ(band_of({5999, 10000}), Band::dissatisfied);
  EXPECT_EQ(band_of({0, 1}), Band::dissatisfied);
  // 17/20 = 85 % exactly, whatever the denominator.
  EXPECT_EQ(band_of({17, 20}), Band::satisfied);
  EXPECT_EQ(band_of({2, 3}), Band::moderately_satisfied);  // 66.67 %
  EXPECT_EQ(band_of_percent(85.0), Band::satisfied);
  EXPECT_EQ(band_of_percent(84.99), Band::fairly_satisfied);
  EXPECT_EQ(band_of_percent(70.0), Band::fairly_satisfied);
  EXPECT_EQ(band_of_percent(69.99), Band::moderately_satisfied);
  EXPECT_EQ(band_of_percent(60.0), Band::moderately_satisfied);
  EXPECT_EQ(band_of_percent(59.99), Band::dissatisfied);
  EXPECT_EQ(band_label_zh(Band::satisfied), "满意");
  EXPECT_EQ(band_label_zh(Band::fairly_satisfied), "较满意");
  EXPECT_EQ(band_label_zh(Band::moderately_satisfied), "一般满意");
  EXPECT_EQ(band_label_zh(Band::dissatisfied), "不满意");
  EXPECT_EQ(band_name(Band::fairly_satisfied), "fairly_satisfied");
}

TEST(SurveyBand, ScoresFromAnswersMeetTheBoundaries) {
  // Weight .85 answered top, .15 answered bottom: exactly 85 % → 满意.
  std::vector<Question> qs{scale("a", 8500, 1, 5), scale("b", 1500, 1, 5)};
  const auto s = score_response(qs, {value("a", 5), value("b", 1)});
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(band_of(s->value), Band::satisfied);
  EXPECT_DOUBLE_EQ(percent(s->value), 85.0);
}

TEST(SurveyThreshold, BelowIsStrict) {
  EXPECT_TRUE(below_threshold({59, 100}, 6000));
  EXPECT_FALSE(below_threshold({60, 100}, 6000));
  EXPECT_FALSE(below_threshold({3, 5}, 6000));
  EXPECT_TRUE(below_threshold({0, 1}, 1));
  EXPECT_FALSE(below_threshold({0, 1}, 0));
}

TEST(SurveyReturnRate, ValidOnlyFromTheRequiredRate) {
  EXPECT_TRUE(return_rate(100, 85, 8500).valid);
  EXPECT_FALSE(return_rate(100, 84, 8500).valid);
  EXPECT_FALSE(return_rate(7, 5, 8500).valid);   // 71.43 %
  EXPECT_TRUE(return_rate(7, 6, 8500).valid);    // 85.71 %
  EXPECT_TRUE(return_rate(20, 17, 8500).valid);  // exactly 85 %
  EXPECT_FALSE(return_rate(0, 0, 8500).valid);
  EXPECT_DOUBLE_EQ(return_rate(7, 5, 8500).percent, 71.43);
  EXPECT_DOUBLE_EQ(return_rate(3, 2, 8500).percent, 66.67);
  // Configurable per campaign.
  EXPECT_TRUE(return_rate(10, 7, 7000).valid);
  EXPECT_FALSE(return_rate(10, 6, 7000).valid);
}

TEST(SurveyPercent, RoundsHalfUpOnTheExactValue) {
  EXPECT_DOUBLE_EQ(percent({1, 8}, 2), 12.5);
  EXPECT_DOUBLE_EQ(percent({1, 3}, 2), 33.33);
  EXPECT_DOUBLE_EQ(percent({2, 3}, 2), 66.67);
  EXPECT_DOUBLE_EQ(percent({2, 3}, 4), 66.6667);
  EXPECT_DOUBLE_EQ(percent({1, 80000}, 2), 0.0);    // 0.00125 %
  EXPECT_DOUBLE_EQ(percent({1, 40000}, 3), 0.003);  // 0.0025 → half up
}

}  // namespace
}  // namespace fuwu::survey
