# Runs the command-line tool through its commands on the built-in sample and checks exit codes
# and output. cmake -DCLI=<parkinvest executable> -DWORK=<scratch dir> [-DVERSION=<x.y.z>] -P cli_check.cmake
cmake_minimum_required(VERSION 3.25)
if(NOT CLI OR NOT WORK)
  message(FATAL_ERROR "cli_check.cmake needs -DCLI=... -DWORK=...")
endif()
file(REMOVE_RECURSE "${WORK}")
file(MAKE_DIRECTORY "${WORK}")

# run(<expected exit code> <regex stdout must match or ""> <regex stderr must match or ""> args...)
function(run expect_code out_regex err_regex)
  execute_process(COMMAND "${CLI}" ${ARGN} WORKING_DIRECTORY "${WORK}"
                  RESULT_VARIABLE code OUTPUT_VARIABLE out ERROR_VARIABLE err)
  string(JOIN " " shown ${ARGN})
  if(NOT code STREQUAL "${expect_code}")
    message(FATAL_ERROR "parkinvest ${shown}: exit ${code}, expected ${expect_code}\nstdout:\n${out}\nstderr:\n${err}")
  endif()
  if(out_regex AND NOT out MATCHES "${out_regex}")
    message(FATAL_ERROR "parkinvest ${shown}: stdout does not match '${out_regex}':\n${out}")
  endif()
  if(err_regex AND NOT err MATCHES "${err_regex}")
    message(FATAL_ERROR "parkinvest ${shown}: stderr does not match '${err_regex}':\n${err}")
  endif()
  if(err_regex STREQUAL "" AND NOT err STREQUAL "")
    message(FATAL_ERROR "parkinvest ${shown}: unexpected stderr:\n${err}")
  endif()
  set(last_out "${out}" PARENT_SCOPE)
endfunction()

run(0 "usage: parkinvest COMMAND" "" --help)
if(VERSION)
  run(0 "^parkinvest ${VERSION}\n$" "" --version)
  run(2 "" "--version takes no arguments" --version extra)
endif()
run(0 "usage: parkinvest COMMAND" "" query --help)

# sample in every format; each validates with the same counts (six parks in the sample).
set(ok_counts "ok \\(10 parks, [0-9]+ enterprises, [0-9]+ projects, [0-9]+ loans, [0-9]+ waste facilities, [0-9]+ statistics\\)")
foreach(file sample.json sample.xml sample.bin sample.pbin sample.csv)
  run(0 "wrote the sample dataset to ${file}" "" sample ${file})
endforeach()
run(0 "" "" sample sample.jsonl)
run(0 "sample.json: ${ok_counts}.*sample.xml: ${ok_counts}.*sample.bin: ${ok_counts}.*sample.pbin: ${ok_counts}.*sample.csv: ${ok_counts}" ""
    validate sample.json sample.xml sample.bin sample.pbin sample.csv)
set(json_counts "${last_out}")

# convert: any format to any format, the same dataset (compared through validate's counts and a query).
run(0 "converted sample.json to back.bin" "" convert sample.json back.bin)
run(0 "converted back.bin to back.csv" "" convert back.bin back.csv)
run(0 "converted back.csv to back.xml" "" convert back.csv back.xml)
run(0 "back.xml: ${ok_counts}" "" validate back.xml)

# query: itemized projects by zone in the sample (hand-checked in park_report's test: 重庆高新区 8
# projects, planned investment 200亿元 = 20000000000.00 yuan).
run(0 "重庆高新区,8,.*" "" query back.xml --entity projects --group-by zone --agg count
    --agg sum:contract_investment --format csv)
run(0 "Chongqing High-tech Zone,8,20000000000.00,exact,CNY" "" query sample.bin --entity projects --where park=1
    --group-by zone --agg count --agg sum:planned_investment --format csv --lang en)
run(0 "\\[.*\"count\"" "" query sample.json --entity loans --group-by lender --agg count --agg sum:commitment --format json)
run(0 "园区 +数量" "" query sample.json --entity waste_facilities --group-by park --agg count --agg total:max_annual_throughput)

# A park or industry the dataset does not have: an error naming the condition and the id, exit 1.
run(1 "" "^parkinvest: --where park=424242: in_park\\(424242\\): the dataset has no park 424242\n$"
    query sample.json --entity projects --where park=424242 --agg count)
run(1 "" "^parkinvest: --where industry=424242: in_industry\\(424242\\): the dataset has no industry 424242\n$"
    query sample.json --entity projects --where industry=424242 --group-by zone --agg count)
run(1 "" "--where park=424242: in_park\\(424242\\)" query sample.json --entity loans --where park=424242 --agg count)

# report on a file, in English, with a chart.
run(0 "Chongqing High-tech Zone.*Reconciliation" "" report back.csv --lang en --as-of 2020-07-31 --svg chart.svg)
if(NOT EXISTS "${WORK}/chart.svg")
  message(FATAL_ERROR "report --svg wrote no chart")
endif()

# Bad data: exit 1 with the problems on stderr; nothing is written by a failed convert.
file(WRITE "${WORK}/broken.json" "{\"parkinvest\": [1, 2")
run(1 "" "broken.json: [0-9]+ problems?" validate broken.json)
run(1 "" "broken.json" convert broken.json never.bin)
if(EXISTS "${WORK}/never.bin")
  message(FATAL_ERROR "a failed convert left never.bin behind")
endif()
file(WRITE "${WORK}/broken.bin" "not a dataset")
run(1 "sample.json: ok" "broken.bin: [0-9]+ problems?" validate sample.json broken.bin)
run(1 "" "missing.json: 1 problem.*missing.json: does not exist" validate missing.json)
run(1 "" "^parkinvest: cannot save \"no-such-folder/out.json\": cannot create a temporary file in \"no-such-folder\": No such file or directory"
    convert sample.json no-such-folder/out.json)

# Bad command lines: exit 2 and a hint.
run(2 "" "no command given.*--help")
run(2 "" "unknown command 'frobnicate'" frobnicate)
run(2 "" "query needs --entity" query sample.json --agg count)
run(2 "" "unknown option '--colour'" query sample.json --entity projects --agg count --colour red)
run(2 "" "project has no amount field 'commitment' \\(contract_investment, planned_investment" query sample.json --entity projects --agg sum:commitment)
run(2 "" "--format takes table, csv or json" query sample.json --entity projects --agg count --format yaml)
run(2 "" "unknown format 'yaml'" sample out.yaml --format yaml)
run(2 "" "option '--format' needs a value" validate sample.json --format)
run(1 "" "cannot tell the format" sample out.txt)
