// The 31 provincial-level divisions of the mainland with their capitals' coordinates, generated
// from shared/data/cn-provinces.json (see its SOURCES.md). Do not edit by hand.
//
// Coordinates © GeoNames (geonames.org), CC BY 4.0.
#include "domain/aftersales/geo.h"

namespace fuwu::aftersales {

const std::vector<Province>& provinces() {
  static const std::vector<Province> kProvinces = {
      {"11", "北京市", "Beijing", "北京市", "Beijing", "1101", 39.9075, 116.3972},
      {"12", "天津市", "Tianjin", "天津市", "Tianjin", "1201", 39.1422, 117.1767},
      {"13", "河北省", "Hebei", "石家庄市", "Shijiazhuang", "1301", 38.0414, 114.4786},
      {"14", "山西省", "Shanxi", "太原市", "Taiyuan", "1401", 37.8694, 112.5603},
      {"15", "内蒙古自治区", "Inner Mongolia", "呼和浩特市", "Hohhot", "1501", 40.8106, 111.6522},
      {"21", "辽宁省", "Liaoning", "沈阳市", "Shenyang", "2101", 41.7922, 123.4328},
      {"22", "吉林省", "Jilin", "长春市", "Changchun", "2201", 43.88, 125.3228},
      {"23", "黑龙江省", "Heilongjiang", "哈尔滨市", "Harbin", "2301", 45.75, 126.65},
      {"31", "上海市", "Shanghai", "上海市", "Shanghai", "3101", 31.2222, 121.4581},
      {"32", "江苏省", "Jiangsu", "南京市", "Nanjing", "3201", 32.0617, 118.7778},
      {"33", "浙江省", "Zhejiang", "杭州市", "Hangzhou", "3301", 30.2936, 120.1614},
      {"34", "安徽省", "Anhui", "合肥市", "Hefei", "3401", 31.8639, 117.2808},
      {"35", "福建省", "Fujian", "福州市", "Fuzhou", "3501", 26.0614, 119.3061},
      {"36", "江西省", "Jiangxi", "南昌市", "Nanchang", "3601", 28.6833, 115.8833},
      {"37", "山东省", "Shandong", "济南市", "Jinan", "3701", 36.6683, 116.9972},
      {"41", "河南省", "Henan", "郑州市", "Zhengzhou", "4101", 34.7578, 113.6486},
      {"42", "湖北省", "Hubei", "武汉市", "Wuhan", "4201", 30.5833, 114.2667},
      {"43", "湖南省", "Hunan", "长沙市", "Changsha", "4301", 28.1987, 112.9709},
      {"44", "广东省", "Guangdong", "广州市", "Guangzhou", "4401", 23.1167, 113.25},
      {"45", "广西壮族自治区", "Guangxi", "南宁市", "Nanning", "4501", 22.8167, 108.3167},
      {"46", "海南省", "Hainan", "海口市", "Haikou", "4601", 20.0458, 110.3417},
      {"50", "重庆市", "Chongqing", "重庆市", "Chongqing", "5001", 29.5628, 106.5528},
      {"51", "四川省", "Sichuan", "成都市", "Chengdu", "5101", 30.6667, 104.0667},
      {"52", "贵州省", "Guizhou", "贵阳市", "Guiyang", "5201", 26.5833, 106.7167},
      {"53", "云南省", "Yunnan", "昆明市", "Kunming", "5301", 25.0389, 102.7183},
      {"54", "西藏自治区", "Tibet (Xizang)", "拉萨市", "Lhasa", "5401", 29.65, 91.1},
      {"61", "陕西省", "Shaanxi", "西安市", "Xi'an", "6101", 34.2583, 108.9286},
      {"62", "甘肃省", "Gansu", "兰州市", "Lanzhou", "6201", 36.0564, 103.7922},
      {"63", "青海省", "Qinghai", "西宁市", "Xining", "6301", 36.6167, 101.7667},
      {"64", "宁夏回族自治区", "Ningxia", "银川市", "Yinchuan", "6401", 38.4681, 106.2731},
      {"65", "新疆维吾尔自治区", "Xinjiang", "乌鲁木齐市", "Urumqi", "6501", 43.801, 87.6005},
  };
  return kProvinces;
}

}  // namespace fuwu::aftersales
